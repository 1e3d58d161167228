package dev.rlx.core.exec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/** The files a trial left in its run directory, except rlx's own bookkeeping. */
final class Artifacts {

  private static final Set<String> OWN = Set.of(TrialTicket.FILE, TrialWorker.RESULT, TrialWorker.METRICS,
      TrialWorker.STDOUT, TrialWorker.STDERR);

  private Artifacts() {}

  static Map<String, Path> in(Path runDir) {
    Map<String, Path> out = new LinkedHashMap<>();
    if (!Files.isDirectory(runDir)) {
      return out;
    }
    try (Stream<Path> files = Files.walk(runDir)) {
      files.filter(Files::isRegularFile).sorted().forEach(f -> {
        String name = runDir.relativize(f).toString();
        if (!OWN.contains(name) && !name.endsWith(".tmp")) {
          out.put(name, f);
        }
      });
    } catch (IOException e) {
      // A run directory we cannot list has no artifacts we can record.
    }
    return out;
  }
}
