package dev.rlx.environments.gymnasium;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The Python side of the bridge, {@code rlx_gymnasium_worker.py}, shipped inside this jar and
 * written once per version to {@code $TMPDIR/rlx-gymnasium-<hash>/} for Python to run: the name
 * carries a hash of the content, and the file is moved into place atomically, so concurrent
 * trials share one copy and never see half of it.
 */
final class WorkerScript {

  static final String RESOURCE = "rlx_gymnasium_worker.py";

  private WorkerScript() {}

  static Path extract() {
    try (InputStream in = WorkerScript.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from rlx-environments' jar");
      }
      byte[] content = in.readAllBytes();
      String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content), 0, 6);
      Path dir = Path.of(System.getProperty("java.io.tmpdir"), "rlx-gymnasium-" + hash);
      Path script = dir.resolve(RESOURCE);
      if (Files.isRegularFile(script) && Files.size(script) == content.length) {
        return script;
      }
      Files.createDirectories(dir);
      Path partial = Files.createTempFile(dir, "worker", ".partial");
      Files.write(partial, content);
      Files.move(partial, script, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return script;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the Gymnasium worker script: " + e.getMessage(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
