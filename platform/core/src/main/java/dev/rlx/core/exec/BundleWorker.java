package dev.rlx.core.exec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rlx.api.Isolation;
import dev.rlx.core.plugins.PluginCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * One Slurm array task that runs a bundle of trials ({@code rlx worker --bundle DIR}): the trials
 * listed in {@code DIR/bundle.json}, {@code slots} at a time — thread trials on threads of this
 * JVM, process trials each as a worker process of its own. Each trial leaves its results in its
 * run directory and then its own {@code done} marker (its exit code), and a line in
 * {@code DIR/progress.log} ("start ID", "end ID CODE") to follow it by, so a task killed
 * half-way keeps every trial it finished. A trial whose {@code done} marker already says 0 (the
 * task was requeued by Slurm) is not run again.
 */
public final class BundleWorker {

  /** The bundle's description, written by the submitting driver. */
  public static final String BUNDLE = "bundle.json";
  /** The log of the bundle's starts and ends (for people: the driver reads each trial's done marker). */
  public static final String PROGRESS = "progress.log";
  /** A trial's done marker: "EXIT_CODE" (the one-trial batch script adds " JOBID_INDEX"), written after its results. */
  public static final String DONE = "done";
  /** The done code of a trial stopped at its {@code resources.timeout}. */
  public static final int TIMED_OUT = 124;

  private static final ObjectMapper MAPPER = new ObjectMapper();
  /** How long a thread trial asked to stop at its timeout gets before its slot is given up. */
  private static final Duration CANCEL_GRACE = Duration.ofSeconds(10);

  /**
   * What one task runs.
   *
   * @param trials the trials' run directories (each holds its trial.json)
   * @param isolation thread (in this JVM) or process (a worker JVM each)
   * @param slots how many trials run at once
   * @param timeout per trial; empty: none but the task's Slurm time limit
   * @param workerCommand the command of a process trial's worker, before its run directory
   */
  public record Bundle(List<Path> trials, Isolation isolation, int slots, Optional<Duration> timeout, List<String> workerCommand) {

    public Bundle {
      trials = List.copyOf(trials);
      workerCommand = List.copyOf(workerCommand);
    }

    public void write(Path dir) throws IOException {
      ObjectNode root = MAPPER.createObjectNode();
      ArrayNode list = root.putArray("trials");
      trials.forEach(t -> list.add(t.toString()));
      root.put("isolation", isolation.name().toLowerCase(java.util.Locale.ROOT));
      root.put("slots", slots);
      timeout.ifPresent(t -> root.put("timeout_ms", t.toMillis()));
      ArrayNode command = root.putArray("worker_command");
      workerCommand.forEach(command::add);
      Files.createDirectories(dir);
      Path tmp = dir.resolve(BUNDLE + ".tmp");
      MAPPER.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), root);
      Files.move(tmp, dir.resolve(BUNDLE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    public static Bundle read(Path dir) throws IOException {
      JsonNode root = MAPPER.readTree(dir.resolve(BUNDLE).toFile());
      List<Path> trials = new ArrayList<>();
      root.path("trials").forEach(t -> trials.add(Path.of(t.asText())));
      List<String> command = new ArrayList<>();
      root.path("worker_command").forEach(c -> command.add(c.asText()));
      return new Bundle(trials, Isolation.valueOf(root.path("isolation").asText("thread").toUpperCase(java.util.Locale.ROOT)),
          Math.max(1, root.path("slots").asInt(1)),
          root.has("timeout_ms") ? Optional.of(Duration.ofMillis(root.path("timeout_ms").asLong())) : Optional.empty(), command);
    }
  }

  private final Path dir;
  private final Bundle bundle;
  private final PluginCatalog catalog;

  private BundleWorker(Path dir, Bundle bundle, PluginCatalog catalog) {
    this.dir = dir;
    this.bundle = bundle;
    this.catalog = catalog;
  }

  /** Runs the bundle in {@code dir}; the exit code is 0 when every trial completed, else 1 ({@code done} markers say which). */
  public static int run(Path dir) {
    System.setProperty("ai.djl.offline", "true");
    System.setProperty("OPT_OUT_TRACKING", "true");
    Bundle bundle;
    try {
      bundle = Bundle.read(dir);
    } catch (IOException e) {
      // uncaught: the JVM prints it to the task's stderr.log, the driver reports the task's exit
      throw new UncheckedIOException("cannot read the bundle " + dir.resolve(BUNDLE), e);
    }
    return new BundleWorker(dir, bundle, PluginCatalog.discover(BundleWorker.class.getClassLoader())).runAll();
  }

  private int runAll() {
    ExecutorService pool = Executors.newFixedThreadPool(bundle.slots(), r -> {
      Thread t = new Thread(r, "rlx-bundle-trial");
      t.setDaemon(true);
      return t;
    });
    List<Future<Integer>> codes = new ArrayList<>();
    for (Path runDir : bundle.trials()) {
      codes.add(pool.submit(() -> runOne(runDir)));
    }
    int failed = 0;
    for (Future<Integer> code : codes) {
      try {
        failed += code.get() == 0 ? 0 : 1;
      } catch (Exception e) {
        failed++;
      }
    }
    pool.shutdownNow();
    return failed == 0 ? 0 : 1;
  }

  private int runOne(Path runDir) {
    if (Integer.valueOf(0).equals(doneCode(runDir))) {
      return 0; // finished in an earlier run of this task
    }
    String trialId = runDir.getFileName().toString();
    progress("start " + trialId);
    int code;
    try {
      code = bundle.isolation() == Isolation.PROCESS ? runProcess(runDir) : runThread(runDir);
    } catch (Throwable t) {
      writeFailure(runDir, "FAILED", TrialResult.describe(t), TrialResult.trace(t), 0);
      code = TrialWorker.FAILED;
    }
    writeDone(runDir, code);
    progress("end " + trialId + " " + code);
    return code;
  }

  private int runThread(Path runDir) throws Exception {
    long start = System.nanoTime();
    TrialTicket written = TrialTicket.read(runDir);
    TrialTicket ticket = new TrialTicket(written.experiment(), written.trialId(), written.config(), TrialWorker.visibleDevice(),
        runDir, written.liveMetrics());
    try (BufferedTrialContext context = new BufferedTrialContext(ticket)) {
      TrialRunner runner = new TrialRunner(catalog);
      if (bundle.timeout().isEmpty()) {
        try {
          runner.run(ticket.config(), context);
        } catch (Exception e) {
          writeFailure(runDir, "FAILED", TrialResult.describe(e), TrialResult.trace(e), (System.nanoTime() - start) / 1_000_000);
          return TrialWorker.FAILED;
        }
        RunDirectory.writeMetrics(runDir, context.metrics().rows());
        RunDirectory.writeResult(runDir, "COMPLETED", null, null, (System.nanoTime() - start) / 1_000_000);
        return 0;
      }
      // With a timeout the trial runs on a thread of its own, so this one can stop waiting for it.
      ExecutorService one = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "rlx-trial-" + ticket.trialId());
        t.setDaemon(true);
        return t;
      });
      try {
        Future<?> trial = one.submit(() -> {
          runner.run(ticket.config(), context);
          return null;
        });
        try {
          try {
            trial.get(bundle.timeout().get().toMillis(), TimeUnit.MILLISECONDS);
          } catch (java.util.concurrent.TimeoutException e) {
            context.cancel(); // cooperative: the trial sees isCancelled() and returns
            try {
              trial.get(CANCEL_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException ignored) {
              // it did not stop: its slot is given up, the task's time limit ends it
            }
            writeFailure(runDir, "TIMED_OUT", "timed out after " + bundle.timeout().get().toSeconds() + " s (resources.timeout)",
                null, (System.nanoTime() - start) / 1_000_000);
            return TIMED_OUT;
          }
        } catch (java.util.concurrent.ExecutionException e) {
          Throwable cause = e.getCause();
          writeFailure(runDir, "FAILED", TrialResult.describe(cause), TrialResult.trace(cause), (System.nanoTime() - start) / 1_000_000);
          return TrialWorker.FAILED;
        }
        RunDirectory.writeMetrics(runDir, context.metrics().rows());
        RunDirectory.writeResult(runDir, "COMPLETED", null, null, (System.nanoTime() - start) / 1_000_000);
        return 0;
      } finally {
        one.shutdownNow();
      }
    }
  }

  private int runProcess(Path runDir) throws Exception {
    List<String> command = new ArrayList<>(bundle.workerCommand());
    command.add(TrialWorker.DETACHED);
    command.add(runDir.toString());
    long start = System.nanoTime();
    Process p = new ProcessBuilder(command).directory(runDir.toFile())
        .redirectOutput(runDir.resolve(RunDirectory.STDOUT).toFile()).redirectError(runDir.resolve(RunDirectory.STDERR).toFile())
        .start();
    p.getOutputStream().close();
    try {
      if (bundle.timeout().isPresent()) {
        if (!p.waitFor(bundle.timeout().get().toMillis(), TimeUnit.MILLISECONDS)) {
          p.destroy();
          if (!p.waitFor(CANCEL_GRACE.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
          }
          writeFailure(runDir, "TIMED_OUT", "timed out after " + bundle.timeout().get().toSeconds() + " s (resources.timeout)",
              null, (System.nanoTime() - start) / 1_000_000);
          return TIMED_OUT;
        }
      }
      return p.waitFor();
    } finally {
      if (p.isAlive()) {
        p.destroyForcibly(); // this task is being stopped: its trials go with it
      }
    }
  }

  private static void writeFailure(Path runDir, String status, String error, String trace, long ms) {
    try {
      RunDirectory.writeResult(runDir, status, error, trace == null ? "" : trace, ms);
    } catch (IOException e) {
      // the driver finds no result and reports the trial as ended with no result
    }
  }

  /** Writes a trial's done marker (after its results: the driver reads them once it sees the marker). */
  static void writeDone(Path runDir, int code) {
    Path tmp = runDir.resolve(DONE + ".tmp");
    try {
      Files.writeString(tmp, code + "\n", StandardCharsets.UTF_8);
      Files.move(tmp, runDir.resolve(DONE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + runDir.resolve(DONE), e);
    }
  }

  private synchronized void progress(String line) {
    try {
      Files.writeString(dir.resolve(PROGRESS), line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      // the log is for people; the driver reads each trial's done marker
    }
  }

  /** The exit code in a run directory's done marker, or null while there is none. */
  public static Integer doneCode(Path runDir) {
    try {
      String text = Files.readString(runDir.resolve(DONE), StandardCharsets.UTF_8).strip();
      return text.isEmpty() ? null : Integer.parseInt(text.split("\\s+")[0]);
    } catch (IOException | NumberFormatException e) {
      return null;
    }
  }
}
