package dev.rlx.core.exec;

import dev.rlx.core.plugins.PluginCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The worker process of a process-isolated trial ({@code rlx worker RUN_DIR}): reads
 * {@code trial.json}, runs the trial, and leaves {@code metrics.tsv} and {@code result.json}
 * for the driver. It exits when its driver dies (its standard input closes), so a killed
 * sweep leaves no orphans behind.
 */
public final class TrialWorker {

  /** Exit code when the trial failed with an exception (result.json says why). */
  static final int FAILED = 70;
  /** Exit code when the driver went away. */
  static final int ORPHANED = 71;

  private TrialWorker() {}

  /** Option of a worker with no driver process behind it (a Slurm task): see {@link #run}. */
  public static final String DETACHED = "--detached";

  /** Option of a Slurm array task that runs a bundle of trials: see {@link BundleWorker}. */
  public static final String BUNDLE = "--bundle";

  public static void main(String[] args) {
    if (args[0].equals(BUNDLE)) {
      ignoreInterrupt();
      System.exit(BundleWorker.run(Path.of(args[1])));
    }
    boolean detached = args[0].equals(DETACHED);
    System.exit(run(Path.of(args[detached ? 1 : 0]), detached ? null : System.in));
  }

  /**
   * Runs the trial in {@code runDir}; returns the process exit code. {@code driver} is the
   * driver's end of a pipe (EOF: the driver is gone, so the worker exits), or null for a
   * detached worker (a Slurm task), which takes its GPUs from CUDA_VISIBLE_DEVICES as Slurm set it.
   */
  public static int run(Path runDir, InputStream driver) {
    System.setProperty("ai.djl.offline", "true");
    System.setProperty("OPT_OUT_TRACKING", "true");
    ignoreInterrupt();
    if (driver != null) {
      watchDriver(driver);
    }
    long start = System.nanoTime();
    try {
      TrialTicket ticket = TrialTicket.read(runDir);
      if (driver == null) {
        ticket = new TrialTicket(ticket.experiment(), ticket.trialId(), ticket.config(), visibleDevice(), runDir, ticket.liveMetrics());
      }
      List<dev.rlx.core.store.MetricRow> rows;
      try (BufferedTrialContext context = new BufferedTrialContext(ticket)) {
        Runtime.getRuntime().addShutdownHook(new Thread(context::cancel)); // SIGTERM from the driver
        new TrialRunner(PluginCatalog.discover(TrialWorker.class.getClassLoader())).run(ticket.config(), context);
        rows = context.metrics().rows();
      }
      RunDirectory.writeMetrics(runDir, rows);
      RunDirectory.writeResult(runDir, "COMPLETED", null, null, (System.nanoTime() - start) / 1_000_000);
      return 0;
    } catch (Throwable t) {
      try {
        RunDirectory.writeResult(runDir, "FAILED", TrialResult.describe(t), TrialResult.trace(t), (System.nanoTime() - start) / 1_000_000);
      } catch (IOException e) {
        t.addSuppressed(e);
      }
      t.printStackTrace();
      return FAILED;
    }
  }

  /** The GPUs in CUDA_VISIBLE_DEVICES (as Slurm assigned them), or the CPU. */
  static dev.rlx.api.Device visibleDevice() {
    String cuda = System.getenv("CUDA_VISIBLE_DEVICES");
    List<Integer> gpus = new ArrayList<>();
    if (cuda != null) {
      for (String g : cuda.split(",")) {
        try {
          gpus.add(Integer.parseInt(g.strip()));
        } catch (NumberFormatException e) {
          // a GPU UUID or an empty list: not an index
        }
      }
    }
    return gpus.isEmpty() ? dev.rlx.api.Device.CPU : new dev.rlx.api.Device(gpus, 1);
  }

  /**
   * How a worker that exited with {@code exitCode} ended, from what it left in {@code runDir}
   * (result.json, metrics.tsv, and the tail of its logs when it left no result).
   */
  public static TrialResult outcome(Path runDir, int exitCode) {
    return RunDirectory.collect(runDir, exitCode);
  }

  /** The terminal's Ctrl-C reaches the whole process group; the driver decides what stops. */
  private static void ignoreInterrupt() {
    try {
      sun.misc.Signal.handle(new sun.misc.Signal("INT"), sun.misc.SignalHandler.SIG_IGN);
    } catch (IllegalArgumentException e) {
      // No SIGINT on this platform.
    }
  }

  private static void watchDriver(InputStream driver) {
    Thread watcher = new Thread(() -> {
      try {
        while (driver.read() >= 0) {
          // The driver never writes; EOF means it is gone.
        }
      } catch (IOException e) {
        // Same as EOF.
      }
      Runtime.getRuntime().halt(ORPHANED);
    }, "rlx-driver-watch");
    watcher.setDaemon(true);
    watcher.start();
  }
}
