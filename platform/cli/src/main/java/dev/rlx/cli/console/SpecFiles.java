package dev.rlx.cli.console;

import java.nio.file.Path;

/** How a spec file is named in messages: as the user wrote it. */
public final class SpecFiles {

  private SpecFiles() {}

  public static String shownAs(Path file) {
    return file.toString();
  }
}
