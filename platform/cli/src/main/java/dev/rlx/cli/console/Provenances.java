package dev.rlx.cli.console;

import dev.rlx.core.store.Provenance;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/** Where and with what a sweep ran: rlx version, git commit of the spec, host, JVM. */
public final class Provenances {

  private Provenances() {}

  public static String version() {
    Properties properties = new Properties();
    try (InputStream in = Provenances.class.getResourceAsStream("/dev/rlx/cli/version.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      return "unknown";
    }
    return properties.getProperty("version", "unknown");
  }

  public static Provenance of(Path spec, String commandLine) {
    return new Provenance(version(), gitCommit(spec.toAbsolutePath().getParent()), host(),
        System.getProperty("java.vm.name") + " " + System.getProperty("java.version"), commandLine);
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      String env = System.getenv("HOSTNAME");
      return env == null ? "unknown" : env;
    }
  }

  /** The commit checked out where the spec lives, or null outside git. */
  private static String gitCommit(Path dir) {
    try {
      Process git = new ProcessBuilder("git", "-C", dir.toString(), "rev-parse", "HEAD").redirectErrorStream(true).start();
      String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      return git.waitFor(5, TimeUnit.SECONDS) && git.exitValue() == 0 && out.matches("[0-9a-f]{40}") ? out : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
