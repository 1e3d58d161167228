package dev.rlx.environments.text;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Where the code verifier finds the programs its sandbox is built from, and whether another user may run them. */
final class SandboxTools {

  private SandboxTools() {}

  static Optional<Path> findPython() {
    // Not RLX_PYTHON: that names the Gymnasium bridge's Python, often a venv under /root that the
    // sandbox's unprivileged user cannot run (which would drop the sandbox to its weaker mode).
    String configured = System.getenv("RLX_SANDBOX_PYTHON");
    if (configured != null && !configured.isBlank()) {
      return Optional.of(Path.of(configured)).filter(Files::isExecutable);
    }
    // A system interpreter first: one under /root (pyenv) is not usable by the unprivileged user.
    for (String candidate : List.of("/usr/bin/python3", "/usr/local/bin/python3")) {
      if (Files.isExecutable(Path.of(candidate))) {
        return Optional.of(Path.of(candidate));
      }
    }
    return findExecutable("python3");
  }

  static Optional<Path> findExecutable(String name) {
    String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/usr/bin:/sbin:/bin";
    for (String dir : path.split(":")) {
      if (!dir.isEmpty()) {
        Path candidate = Path.of(dir, name);
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }

  /** Whether every directory on the way to the interpreter, and the interpreter itself, can be used by other users. */
  static boolean readableByOthers(Path executable) {
    try {
      Path real = executable.toRealPath();
      for (Path p = real; p != null; p = p.getParent()) {
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
        if (!perms.contains(PosixFilePermission.OTHERS_EXECUTE)) {
          return false;
        }
      }
      return Files.getPosixFilePermissions(real).contains(PosixFilePermission.OTHERS_READ);
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }
}
