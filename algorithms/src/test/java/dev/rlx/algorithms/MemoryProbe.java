package dev.rlx.algorithms;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The memory tests' child JVM: runs a probe's {@code main} in a JVM of its own whose heap is
 * fixed and pre-touched (so any growth of its resident memory is native), with one native
 * thread and few allocator arenas (less step-wise noise), and reads the resident set sizes it
 * prints as {@code rss <kB>} lines ({@code dev.rlx.algorithms.deep.ResidentMemory}).
 */
public final class MemoryProbe {

  private MemoryProbe() {}

  /** The probe's RSS readings in kB; asserts that it exits 0 within 120 s after printing {@code readings} of them. */
  public static List<Long> residentMemory(Class<?> probe, int readings) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xms256m", "-Xmx256m", "-XX:+AlwaysPreTouch", "-XX:+UseSerialGC",
        "-Dai.djl.offline=true", "-DOPT_OUT_TRACKING=true",
        "-Dai.djl.pytorch.num_threads=1", "-Dai.djl.pytorch.num_interop_threads=1",
        "-cp", System.getProperty("java.class.path"), probe.getName())
        .redirectErrorStream(true);
    builder.environment().put("MALLOC_ARENA_MAX", "2"); // fewer allocator arenas: less step-wise noise
    builder.environment().put("OMP_NUM_THREADS", "1");
    builder.environment().put("MKL_CBWR", "AUTO,STRICT");
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(out).isZero();
    List<Long> rss = out.lines().filter(l -> l.startsWith("rss ")).map(l -> Long.parseLong(l.substring(4))).toList();
    assertThat(rss).as(out).hasSize(readings);
    return rss;
  }
}
