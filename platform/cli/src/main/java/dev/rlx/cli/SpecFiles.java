package dev.rlx.cli;

import java.nio.file.Path;

/** How a spec file is named in messages: as the user wrote it. */
final class SpecFiles {

  private SpecFiles() {}

  static String shownAs(Path file) {
    return file.toString();
  }
}
