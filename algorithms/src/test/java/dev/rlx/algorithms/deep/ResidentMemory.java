package dev.rlx.algorithms.deep;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The process's resident set size, for the memory tests' child JVMs (Linux: /proc/self/status),
 * and the child JVM itself: a fixed, pre-touched heap, so that any growth of its resident
 * memory is native.
 */
public final class ResidentMemory {

  private ResidentMemory() {}

  /** VmRSS in kB. */
  public static long kb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    throw new IllegalStateException("no VmRSS in /proc/self/status");
  }

  /**
   * Runs {@code probe}'s {@code main} in a JVM of its own (256 MB heap, one native thread) and
   * returns the resident sizes it printed as lines {@code rss <kB>}, having asserted that it
   * exited with 0 within 120 s and printed {@code count} of them.
   */
  public static List<Long> ofChild(Class<?> probe, int count) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xms256m", "-Xmx256m", "-XX:+AlwaysPreTouch", "-XX:+UseSerialGC",
        "-Dai.djl.offline=true", "-DOPT_OUT_TRACKING=true",
        "-Dai.djl.pytorch.num_threads=1", "-Dai.djl.pytorch.num_interop_threads=1",
        "-cp", System.getProperty("java.class.path"), probe.getName())
        .redirectErrorStream(true);
    builder.environment().put("MALLOC_ARENA_MAX", "2"); // fewer allocator arenas: less step-wise noise
    builder.environment().put("OMP_NUM_THREADS", "1");
    builder.environment().put("MKL_CBWR", "AUTO,STRICT");
    Process child = builder.start();
    String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(child.exitValue()).as(out).isZero();
    List<Long> rss = out.lines().filter(l -> l.startsWith("rss ")).map(l -> Long.parseLong(l.substring(4))).toList();
    assertThat(rss).as(out).hasSize(count);
    return rss;
  }
}
