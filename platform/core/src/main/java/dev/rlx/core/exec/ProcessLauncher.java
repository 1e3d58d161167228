package dev.rlx.core.exec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs each trial in a worker JVM of its own ({@link TrialWorker}), so that an exception,
 * System.exit, an exhausted heap or a native crash fails that trial alone. The worker gets
 * the driver's classpath, its own heap limit, one intra-op thread for native libraries, and
 * only its GPUs through CUDA_VISIBLE_DEVICES.
 */
final class ProcessLauncher implements TrialLauncher {

  /** How long a cancelled worker gets to stop after SIGTERM before it is killed. */
  private static final long GRACE_SECONDS = 5;

  private final String java;
  private final String classpath;
  private final List<String> extraJvmOptions;

  ProcessLauncher(String java, String classpath, List<String> extraJvmOptions) {
    this.java = java;
    this.classpath = classpath;
    this.extraJvmOptions = List.copyOf(extraJvmOptions);
  }

  /** A launcher that starts workers like the current JVM: same java, same classpath. */
  static ProcessLauncher likeThisJvm(List<String> extraJvmOptions) {
    String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    return new ProcessLauncher(java, System.getProperty("java.class.path"), extraJvmOptions);
  }

  List<String> command(TrialTicket ticket, LaunchOptions options) {
    List<String> command = new ArrayList<>(List.of(java,
        "-Xmx" + options.javaHeap(),
        "-XX:+ExitOnOutOfMemoryError",
        "-XX:+UseSerialGC",
        // DJL: no telemetry, one intra-op and inter-op thread per trial (shared/notes/djl.md).
        "-Dai.djl.offline=true", "-DOPT_OUT_TRACKING=true",
        "-Dai.djl.pytorch.num_threads=1", "-Dai.djl.pytorch.num_interop_threads=1"));
    command.addAll(extraJvmOptions);
    command.addAll(List.of("-cp", classpath, TrialWorker.class.getName(), ticket.runDir().toString()));
    return command;
  }

  @Override
  public Running launch(TrialTicket ticket, LaunchOptions options, Consumer<TrialResult> done) {
    Process process;
    try {
      Files.createDirectories(ticket.runDir());
      for (String stale : List.of(TrialWorker.RESULT, TrialWorker.METRICS)) {
        Files.deleteIfExists(ticket.runDir().resolve(stale));
      }
      ticket.write();
      ProcessBuilder builder = new ProcessBuilder(command(ticket, options))
          .redirectOutput(ticket.runDir().resolve(TrialWorker.STDOUT).toFile())
          .redirectError(ticket.runDir().resolve(TrialWorker.STDERR).toFile());
      builder.environment().put("OMP_NUM_THREADS", "1");
      builder.environment().put("OPT_OUT_TRACKING", "true");
      builder.environment().put("CUDA_VISIBLE_DEVICES",
          String.join(",", options.visibleGpus().stream().map(String::valueOf).toList()));
      process = builder.start();
    } catch (IOException e) {
      done.accept(TrialResult.failed("cannot start the worker process: " + e.getMessage(), TrialResult.trace(e)));
      return () -> { };
    }
    Process worker = process;
    worker.onExit().thenRun(() -> done.accept(collect(ticket.runDir(), worker.exitValue())));
    return () -> {
      worker.destroy(); // SIGTERM: the worker's shutdown hook sets its cancellation flag
      worker.onExit().orTimeout(GRACE_SECONDS, TimeUnit.SECONDS).exceptionally(e -> {
        worker.destroyForcibly();
        return worker;
      });
    };
  }

  private static TrialResult collect(Path runDir, int exitCode) {
    try {
      ObjectNode result = TrialWorker.readResult(runDir);
      if (exitCode == 0 && result != null && result.path("status").asText().equals("COMPLETED")) {
        return TrialResult.completed(TrialWorker.readMetrics(runDir), Artifacts.in(runDir));
      }
      if (result != null && result.has("error")) {
        return TrialResult.failed(result.path("error").asText(), result.path("trace").asText());
      }
      String stderr = tail(runDir.resolve(TrialWorker.STDERR), 20);
      // -XX:+ExitOnOutOfMemoryError reports on stdout.
      String output = tail(runDir.resolve(TrialWorker.STDOUT), 20) + "\n" + stderr;
      String why = output.contains("OutOfMemoryError") ? "ran out of memory (OutOfMemoryError; raise resources.memory)"
          : exitCode > 128 ? "was killed by signal " + (exitCode - 128)
          : "exited with code " + exitCode;
      return TrialResult.failed("the worker process " + why, output.strip());
    } catch (IOException e) {
      return TrialResult.failed("cannot read the worker's results: " + e.getMessage(), TrialResult.trace(e));
    }
  }

  private static String tail(Path file, int lines) {
    try {
      List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "";
    }
  }
}
