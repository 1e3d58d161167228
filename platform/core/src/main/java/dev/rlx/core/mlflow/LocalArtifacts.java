package dev.rlx.core.mlflow;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/** Artifacts of a server that does not proxy them but hands out an artifact root on this machine. */
final class LocalArtifacts {

  private LocalArtifacts() {}

  /**
   * A run's artifact directory when its artifact URI is a path on this machine ({@code file:} or
   * a bare absolute path: a server started with {@code --no-serve-artifacts} and a local
   * {@code --default-artifact-root}) and that directory's root exists here. The Java client's
   * artifact repository would shell out to Python MLflow for this; writing the files is all that
   * Python's local repository does, so rlx does it itself.
   */
  static Optional<Path> directory(String artifactUri) {
    if (artifactUri == null) {
      return Optional.empty();
    }
    Path dir;
    if (artifactUri.startsWith("file:")) {
      try {
        dir = Path.of(URI.create(artifactUri.startsWith("file:///") || !artifactUri.startsWith("file://") ? artifactUri
            : "file:///" + artifactUri.substring("file://".length())));
      } catch (IllegalArgumentException e) {
        dir = Path.of(artifactUri.substring("file:".length()));
      }
    } else if (artifactUri.startsWith("/")) {
      dir = Path.of(artifactUri);
    } else {
      return Optional.empty();
    }
    // <root>/<experiment>/<run>/artifacts: the root is the server's, and must be on this machine.
    Path root = dir.getParent() == null || dir.getParent().getParent() == null ? null : dir.getParent().getParent().getParent();
    return root != null && Files.isDirectory(root) ? Optional.of(dir) : Optional.empty();
  }

  static boolean copy(Path dir, String artifactPath, Path file) {
    Path target = dir.resolve(artifactPath).normalize();
    if (!target.startsWith(dir)) {
      throw new MlflowException("artifact path " + artifactPath + " leaves the run's artifact directory", false, 0, "", null);
    }
    try {
      Files.createDirectories(target.getParent());
      Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
      return true;
    } catch (IOException e) {
      throw new MlflowException("cannot write artifact " + target + ": " + e.getMessage(), false, 0, "", null);
    }
  }
}
