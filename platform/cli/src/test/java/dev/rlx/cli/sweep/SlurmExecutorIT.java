package dev.rlx.cli.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rlx.cli.RlxCommand;
import dev.rlx.core.slurm.Slurm;
import dev.rlx.core.slurm.SlurmExecutor;
import dev.rlx.core.store.MetricRow;
import dev.rlx.core.store.ResultsStore;
import dev.rlx.core.store.StoredTrial;
import dev.rlx.core.store.TrialStatus;
import dev.rlx.testkit.ScriptedSweep;
import dev.rlx.testkit.mlflow.MlflowRun;
import dev.rlx.testkit.mlflow.MlflowTestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Slurm executor against a real cluster: sbatch, scontrol, scancel on the single-node
 * cluster that {@code scripts/slurm/start-local-slurm.sh} starts (CI starts it in .ci/run).
 * Skipped, with a message, where {@code sbatch} is not on the PATH.
 */
@Tag("slurm")
@Tag("slow")
class SlurmExecutorIT {

  @TempDir
  Path dir;

  /** Where a test's driver runs (its store, run directories and logs), unless it compares two. */
  private Path work;

  @BeforeEach
  void inAWorkDirectory() {
    work = dir.resolve("work");
  }

  @BeforeAll
  static void needsSlurm() {
    assumeTrue(Slurm.available() && controllerUp(), "no Slurm cluster here (sbatch not on the PATH, or `scontrol ping`"
        + " finds no controller): start one with `sudo bash scripts/slurm/start-local-slurm.sh` to run the Slurm tests");
  }

  private static boolean controllerUp() {
    try {
      Process ping = new ProcessBuilder("scontrol", "ping").redirectErrorStream(true).start();
      String out = new String(ping.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      return ping.waitFor(20, TimeUnit.SECONDS) && ping.exitValue() == 0 && out.contains("UP");
    } catch (java.io.IOException | InterruptedException e) {
      return false;
    }
  }

  record Run(int exitCode, String out, String err) {}

  private Process start(Path workDir, Path spec, String... extra) throws Exception {
    Files.createDirectories(workDir);
    List<String> command = new ArrayList<>(List.of(
        ProcessHandle.current().info().command().orElse("java"),
        "-cp", System.getProperty("java.class.path"), RlxCommand.class.getName()));
    command.addAll(List.of(extra));
    command.replaceAll(a -> a.equals("SPEC") ? spec.toString() : a);
    command.addAll(List.of("--store", storeUrl(workDir)));
    return new ProcessBuilder(command).directory(workDir.toFile())
        .redirectOutput(workDir.resolve("driver.out").toFile()).redirectError(workDir.resolve("driver.err").toFile()).start();
  }

  private Run rlx(Path workDir, Path spec, String... args) throws Exception {
    Process p = start(workDir, spec, args);
    assertThat(p.waitFor(240, TimeUnit.SECONDS)).as("rlx %s finished", List.of(args)).isTrue();
    return new Run(p.exitValue(), Files.readString(workDir.resolve("driver.out")), Files.readString(workDir.resolve("driver.err")));
  }

  /** What the last driver started in {@code workDir} printed, for an assertion's description. */
  private static String said(Path workDir) throws Exception {
    return "driver said: " + Files.readString(workDir.resolve("driver.out")) + Files.readString(workDir.resolve("driver.err"));
  }

  private static String storeUrl(Path workDir) {
    return "jdbc:h2:file:" + workDir.resolve("results") + ";AUTO_SERVER=TRUE";
  }

  private Path spec(String yaml) throws Exception {
    Path spec = dir.resolve("spec.yaml");
    Files.writeString(spec, yaml);
    return spec;
  }

  private static List<StoredTrial> trials(Path workDir, String experiment) {
    try (ResultsStore store = ResultsStore.open(storeUrl(workDir))) {
      return store.trials().of(experiment);
    }
  }

  /** Each trial's metrics by trial id, key and step. */
  private static Map<String, List<MetricRow>> metrics(Path workDir, String experiment, Predicate<String> keys) {
    Map<String, List<MetricRow>> out = new TreeMap<>();
    try (ResultsStore store = ResultsStore.open(storeUrl(workDir))) {
      for (StoredTrial t : store.trials().of(experiment)) {
        out.put(t.trialId(), store.metrics().of(t.pk()).stream().filter(m -> keys.test(m.key()))
            .map(m -> new MetricRow(m.key(), m.step(), m.value(), 0)).toList());
      }
    }
    return out;
  }

  private static long count(Path workDir, String experiment, TrialStatus status) {
    if (!Files.exists(workDir.resolve("results.mv.db"))) {
      return 0;
    }
    try {
      return trials(workDir, experiment).stream().filter(t -> t.status() == status).count();
    } catch (RuntimeException e) {
      return 0; // the driver is still creating the store
    }
  }

  /** Whether the driver has submitted (and so created the store: polling it earlier would race its migration). */
  private static boolean submitted(Path workDir) {
    try {
      return Files.readString(workDir.resolve("driver.out")).contains("submitted");
    } catch (java.io.IOException e) {
      return false;
    }
  }

  private static List<String> jobIds(Path workDir) throws Exception {
    List<String> ids = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(dev.rlx.core.store.ResultsStore.jdbcUrl(storeUrl(workDir)), "rlx", "");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT job_id FROM slurm_jobs ORDER BY submitted_at")) {
      while (rs.next()) {
        ids.add(rs.getString(1));
      }
    }
    return ids;
  }

  /** Starts {@code rlx ARGS} and waits until it has submitted its job array ({@code what} names the submission). */
  private Process startSubmitting(Path workDir, Path spec, String what, String... args) throws Exception {
    Process driver = start(workDir, spec, args);
    waitFor(workDir, what, () -> submitted(workDir));
    return driver;
  }

  /** Starts {@code rlx sweep SPEC} and waits, once it has submitted, until {@code condition} holds ({@code what} names it). */
  private Process sweepUntil(Path spec, String what, java.util.function.BooleanSupplier condition) throws Exception {
    Process driver = startSubmitting(work, spec, "the submission", "sweep", "SPEC");
    waitFor(work, what, condition);
    return driver;
  }

  private static void signal(Process p, String signal) throws Exception {
    new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start().waitFor();
  }

  private static void waitFor(Path workDir, String what, java.util.function.BooleanSupplier condition) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what + "; driver said: "
            + Files.readString(workDir.resolve("driver.out")) + Files.readString(workDir.resolve("driver.err")));
      }
      Thread.sleep(200);
    }
  }

  @Test
  void aSweepThroughAJobArrayMatchesTheSameSweepRunLocally() throws Exception {
    Path spec = spec(ScriptedSweep.yaml("array", "{mode: complete, metrics: 5}",
        "resources: {isolation: process}", "executor: {type: slurm, max_parallel: 8}", "sweep: {seeds: 8}"));
    Run slurm = rlx(dir.resolve("slurm"), spec, "sweep", "SPEC");
    assertThat(slurm.exitCode()).as(slurm.out() + slurm.err()).isZero();
    assertThat(slurm.out()).contains("submitted 8 trials as Slurm job array").contains("8 completed");
    Run local = rlx(dir.resolve("local"), spec, "sweep", "SPEC", "--executor", "local");
    assertThat(local.exitCode()).as(local.err()).isZero();

    List<StoredTrial> onSlurm = trials(dir.resolve("slurm"), "array");
    assertThat(onSlurm).hasSize(8).allSatisfy(t -> assertThat(t.status()).isEqualTo(TrialStatus.COMPLETED));
    assertThat(onSlurm).extracting(StoredTrial::trialId)
        .containsExactlyElementsOf(trials(dir.resolve("local"), "array").stream().map(StoredTrial::trialId).toList());
    Map<String, List<MetricRow>> values = metrics(dir.resolve("slurm"), "array", k -> k.equals("value"));
    assertThat(values).isEqualTo(metrics(dir.resolve("local"), "array", k -> k.equals("value")));
    assertThat(values.values()).allSatisfy(rows -> assertThat(rows).hasSize(5));
    // Each task's stdout/stderr land in its trial's run directory, beside its results.
    for (StoredTrial t : onSlurm) {
      Path runDir = Path.of(t.runDir());
      assertThat(runDir).isEqualTo(dir.resolve("slurm/.rlx/runs/array").resolve(t.trialId()));
      assertThat(runDir.resolve("stdout.log")).exists();
      assertThat(runDir.resolve("stderr.log")).exists();
      assertThat(runDir.resolve(SlurmExecutor.DONE)).content().startsWith("0 ");
    }
  }

  @Test
  void aSlurmTasksMetricsReachMlflowWhileTheTaskRuns() throws Exception {
    Path spec = spec(ScriptedSweep.yaml("streamed", "{mode: trickle, metrics: 40, duration_ms: 8000}", "executor: {type: slurm}",
        "tracking: {mlflow: {runs: trials}}"));
    try (MlflowTestServer server = MlflowTestServer.start()) {
      Process driver = start(work, spec, "sweep", "SPEC", "--mlflow-uri", server.uri());
      int partial = 0;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (driver.isAlive() && System.nanoTime() < deadline) {
        for (MlflowRun r : server.runs()) {
          int points = r.metrics.getOrDefault("value", List.of()).size();
          if (r.tags.containsKey("rlx.trial_id") && r.status.equals("RUNNING") && points > 0 && points < 40) {
            partial = Math.max(partial, points);
          }
        }
        Thread.sleep(200);
      }
      assertThat(driver.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(driver.exitValue()).as(Files.readString(work.resolve("driver.err"))).isZero();
      assertThat(partial).as("points of the running array task in MLflow before it ended").isPositive();
      MlflowRun run = server.runs().stream().filter(r -> r.tags.containsKey("rlx.trial_id")).findFirst().orElseThrow();
      assertThat(run.status).isEqualTo("FINISHED");
      assertThat(run.metrics.get("value")).hasSize(40);
      assertThat(server.duplicatePoints()).isZero();
    }
  }

  @Test
  void slurmSweepsAreMirroredToMlflowAttachedOrDetached() throws Exception {
    Path spec = spec(ScriptedSweep.yaml("mirrored", "{mode: complete, metrics: 5}", "executor: {type: slurm}\ntracking: {mlflow: {runs: trials}}", """
        sweep:
          variants:
            ok: {algorithm.params.metrics: 5}
            throws: {algorithm.params.mode: throw}
        """));
    try (MlflowTestServer server = MlflowTestServer.start()) {
      Run run = rlx(work, spec, "sweep", "SPEC", "--mlflow-uri", server.uri());
      assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
      assertThat(run.out()).contains("mlflow: sweep 1 of mirrored is in MLflow: " + server.uri());
      MlflowRun parent = server.runs().stream().filter(r -> !r.tags.containsKey("mlflow.parentRunId")).findFirst()
          .orElseThrow();
      assertThat(parent.status).as("a trial failed").isEqualTo("FAILED");
      List<MlflowRun> children = server.runs().stream().filter(r -> parent.runId.equals(r.tags.get("mlflow.parentRunId")))
          .toList();
      assertThat(children).extracting(r -> r.tags.get("rlx.variant") + " " + r.status)
          .containsExactlyInAnyOrder("ok FINISHED", "throws FAILED");
      assertThat(children).filteredOn(r -> r.tags.get("rlx.variant").equals("ok"))
          .allSatisfy(r -> assertThat(r.metrics.get("value")).hasSize(5));
      assertThat(server.duplicatePoints()).isZero();

      // Detached: recorded for MLflow, sent while `rlx status --follow` follows the array.
      Run detached = rlx(work, spec, "sweep", "SPEC", "--fresh", "--detach", "--mlflow-uri", server.uri());
      assertThat(detached.exitCode()).as(detached.out() + detached.err()).isZero();
      assertThat(detached.out()).contains("mlflow: the sweep goes to " + server.uri());
      Run followed = rlx(work, spec, "status", "mirrored", "--follow");
      assertThat(followed.exitCode()).as(followed.out() + followed.err()).isZero();
      assertThat(followed.out()).contains("mlflow: sweep 2 of mirrored is in MLflow");
      assertThat(server.runs()).hasSize(6).allSatisfy(r -> assertThat(r.status).isIn("FINISHED", "FAILED"));
      assertThat(server.duplicatePoints()).isZero();
    }
  }

  private static String trace(Path workDir, String trialId) throws Exception {
    try (Connection c = DriverManager.getConnection(dev.rlx.core.store.ResultsStore.jdbcUrl(storeUrl(workDir)), "rlx", "");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT error_trace FROM trials WHERE trial_id = '" + trialId + "'")) {
      return rs.next() ? String.valueOf(rs.getString(1)) : "";
    }
  }

  @Test
  void exitCodesFailuresRetriesAndTimeLimitsBecomeTrialStates() throws Exception {
    Path spec = spec(ScriptedSweep.yaml("ends", "{mode: complete, metrics: 3}",
        "resources: {isolation: process, timeout: 1m, retries: 1}", "executor: {type: slurm}", """
        sweep:
          variants:
            ok: {algorithm.params.metrics: 3}
            exits: {algorithm.params.mode: exit, algorithm.params.exit_code: 7}
            throws: {algorithm.params.mode: throw}
            flaky: {algorithm.params.mode: flaky}
            sleeps: {algorithm.params.mode: sleep, algorithm.params.duration_ms: 600000, algorithm.params.ignore_cancel: true}
        """));
    Run run = rlx(work, spec, "sweep", "SPEC");
    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
    Map<String, StoredTrial> byVariant = trials(work, "ends").stream().collect(Collectors.toMap(StoredTrial::variant, t -> t));
    assertThat(byVariant.values()).as(run.out()).extracting(t -> t.variant() + " " + t.status())
        .containsExactlyInAnyOrder("ok COMPLETED", "flaky COMPLETED", "exits FAILED", "throws FAILED", "sleeps TIMED_OUT");
    // A failed attempt is requeued in Slurm while retries are left.
    assertThat(byVariant.get("flaky").status()).isEqualTo(TrialStatus.COMPLETED);
    assertThat(byVariant.get("flaky").attempts()).isEqualTo(2);
    StoredTrial exits = byVariant.get("exits");
    assertThat(exits.status()).isEqualTo(TrialStatus.FAILED);
    assertThat(exits.attempts()).isEqualTo(2);
    assertThat(exits.error()).contains("exited with code 7");
    assertThat(trace(work, exits.trialId())).as("the log tail").contains("rlx: the trial worker exited with code 7 (job ");
    StoredTrial throwsTrial = byVariant.get("throws");
    assertThat(throwsTrial.status()).isEqualTo(TrialStatus.FAILED);
    assertThat(throwsTrial.error()).contains("IllegalStateException: scripted failure");
    assertThat(trace(work, throwsTrial.trialId())).contains("at dev.rlx.testkit.ScriptedAlgorithm.train");
    StoredTrial sleeps = byVariant.get("sleeps");
    assertThat(sleeps.status()).isEqualTo(TrialStatus.TIMED_OUT);
    assertThat(sleeps.error()).contains("exceeded its Slurm time limit");
    assertThat(Files.readString(Path.of(sleeps.runDir()).resolve("stderr.log"))).contains("DUE TO TIME LIMIT");
    assertThat(run.out()).contains("timed out").contains("FAILED");
  }

  @Test
  void scancelMidSweepKeepsFinishedTrialsAndLeavesTheRestToARerun() throws Exception {
    Path spec = spec(ScriptedSweep.yaml("scancelled", "{mode: sleep, duration_ms: 2500}",
        "executor: {type: slurm, max_parallel: 2}", "sweep: {seeds: 6}"));
    Process driver = sweepUntil(spec, "two completed trials", () -> count(work, "scancelled", TrialStatus.COMPLETED) >= 2);
    new ProcessBuilder(List.of("scancel", jobIds(work).get(0))).inheritIO().start().waitFor();
    assertThat(driver.waitFor(60, TimeUnit.SECONDS)).as("the driver ends once the array is cancelled").isTrue();
    assertThat(Files.readString(work.resolve("driver.out"))).contains("cancelled");
    List<StoredTrial> after = trials(work, "scancelled");
    long completed = after.stream().filter(t -> t.status() == TrialStatus.COMPLETED).count();
    assertThat(completed).isBetween(2L, 5L);
    assertThat(after).filteredOn(t -> t.status() != TrialStatus.COMPLETED)
        .allSatisfy(t -> assertThat(t.status()).isEqualTo(TrialStatus.CANCELLED));
    Map<String, List<MetricRow>> kept = metrics(work, "scancelled", k -> true);

    rerunSubmitsOnlyTheRest(spec, "scancelled", 6 - completed, completed, kept);
  }

  /**
   * Reruns the sweep: it submits only the {@code toSubmit} unfinished trials, every trial ends
   * COMPLETED, and the metrics of those that had finished ({@code kept}) are as they were.
   */
  private void rerunSubmitsOnlyTheRest(Path spec, String experiment, long toSubmit, long completed,
      Map<String, List<MetricRow>> kept) throws Exception {
    Run rerun = rlx(work, spec, "sweep", "SPEC");
    assertThat(rerun.exitCode()).as(rerun.out() + rerun.err()).isZero();
    assertThat(rerun.out()).contains(toSubmit + " to submit to Slurm").contains(completed + " already completed");
    assertThat(trials(work, experiment)).allSatisfy(t -> assertThat(t.status()).isEqualTo(TrialStatus.COMPLETED));
    Map<String, List<MetricRow>> now = metrics(work, experiment, k -> true);
    kept.forEach((id, rows) -> {
      if (!rows.isEmpty()) {
        assertThat(now.get(id)).as("a trial finished before scancel is not run again").isEqualTo(rows);
      }
    });
  }

  @Test
  void aBundledTaskScancelledMidBundleKeepsItsFinishedTrialsAndARerunSubmitsOnlyTheRest() throws Exception {
    Path spec = spec(ScriptedSweep.yaml("bundled", "{mode: sleep, duration_ms: 2000}", "resources: {isolation: thread}",
        "executor: {type: slurm, trials_per_task: 4}", "sweep: {seeds: 8}"));
    Process driver = sweepUntil(spec, "two completed trials", () -> count(work, "bundled", TrialStatus.COMPLETED) >= 2);
    assertThat(Files.readString(work.resolve("driver.out"))).contains("submitted 8 trials as Slurm job array")
        .contains("(2 tasks of up to 4 trials each");
    String job = jobIds(work).get(0);
    new ProcessBuilder(List.of("scancel", job + "_0")).inheritIO().start().waitFor();
    assertThat(driver.waitFor(90, TimeUnit.SECONDS)).as("the driver ends once both tasks have ended").isTrue();
    List<StoredTrial> after = trials(work, "bundled");
    long cancelled = after.stream().filter(t -> t.status() == TrialStatus.CANCELLED).count();
    assertThat(after).as(Files.readString(work.resolve("driver.out"))).allSatisfy(t -> assertThat(t.status()).isIn(TrialStatus.COMPLETED, TrialStatus.CANCELLED));
    assertThat(cancelled).as("only trials of the cancelled task, not all of it").isBetween(1L, 3L);
    assertThat(after).filteredOn(t -> t.status() == TrialStatus.CANCELLED)
        .allSatisfy(t -> assertThat(t.error()).contains("cancelled in Slurm (scancel) before this trial finished"));
    Map<String, List<MetricRow>> kept = metrics(work, "bundled", k -> true);

    rerunSubmitsOnlyTheRest(spec, "bundled", cancelled, 8 - cancelled, kept);
  }

  @Test
  void aBundledSweepMatchesTheSameSweepRunLocally() throws Exception {
    Path spec = spec(ScriptedSweep.yaml("bundles", "{mode: complete, metrics: 4}", "resources: {isolation: thread}",
        "executor: {type: slurm, trials_per_task: 7, cpus_per_task: 2}", "sweep: {seeds: 20}"));
    Run slurm = rlx(dir.resolve("slurm"), spec, "sweep", "SPEC");
    assertThat(slurm.exitCode()).as(slurm.out() + slurm.err()).isZero();
    assertThat(slurm.out()).contains("(3 tasks of up to 7 trials each").contains("20 completed");
    Run local = rlx(dir.resolve("local"), spec, "sweep", "SPEC", "--executor", "local");
    assertThat(local.exitCode()).as(local.err()).isZero();
    assertThat(trials(dir.resolve("slurm"), "bundles")).extracting(StoredTrial::trialId)
        .containsExactlyElementsOf(trials(dir.resolve("local"), "bundles").stream().map(StoredTrial::trialId).toList());
    Map<String, List<MetricRow>> values = metrics(dir.resolve("slurm"), "bundles", k -> k.equals("value"));
    assertThat(values).isEqualTo(metrics(dir.resolve("local"), "bundles", k -> k.equals("value")));
    assertThat(values.values()).allSatisfy(rows -> assertThat(rows).hasSize(4));
    String script = Files.readString(dir.resolve("slurm/.rlx/slurm/bundles/rlx-bundles-1/job.sh"));
    assertThat(script).contains("#SBATCH --array=0-2").contains("#SBATCH --cpus-per-task=2").contains("--bundle");
  }

  @Test
  void gresGpuTrialsSeeTheGpuSlurmAssigned() throws Exception {
    Path spec = spec(ScriptedSweep.yaml("gpus", "{mode: complete, metrics: 1}",
        "resources: {gpus: 1}", "executor: {type: slurm}", "sweep: {seeds: 3}"));
    Run run = rlx(work, spec, "sweep", "SPEC");
    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    Map<String, List<MetricRow>> devices = metrics(work, "gpus", k -> k.startsWith("device/"));
    assertThat(devices).hasSize(3);
    for (List<MetricRow> rows : devices.values()) {
      Map<String, Double> d = rows.stream().collect(Collectors.toMap(MetricRow::key, MetricRow::value));
      assertThat(d.get("device/cuda_visible_count")).isEqualTo(1.0);
      assertThat(d.get("device/cuda_visible_first")).isIn(0.0, 1.0);
      assertThat(d.get("device/context_gpu_first")).as("the trial's device is Slurm's GPU").isEqualTo(d.get("device/cuda_visible_first"));
    }
    assertThat(Files.readString(work.resolve(".rlx/slurm/gpus").resolve("rlx-gpus-1").resolve("job.sh"))).contains("#SBATCH --gres=gpu:1");
  }

  @Test
  void aKilledDriverReattachesOnRestartWithoutSubmittingAnythingTwice() throws Exception {
    Path spec = spec(ScriptedSweep.yaml("reattached", "{mode: sleep, duration_ms: 2500}",
        "executor: {type: slurm, max_parallel: 1}", "sweep: {seeds: 5}"));
    Process first = sweepUntil(spec, "a completed trial", () -> count(work, "reattached", TrialStatus.COMPLETED) >= 1);
    signal(first, "KILL");
    assertThat(first.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(count(work, "reattached", TrialStatus.COMPLETED)).isLessThan(5);

    Run second = rlx(work, spec, "sweep", "SPEC");
    assertThat(second.exitCode()).as(second.out() + second.err()).isZero();
    assertThat(second.out()).contains("0 to submit to Slurm").contains("still in Slurm (jobs " + jobIds(work).get(0) + ")")
        .doesNotContain("submitted");
    assertThat(jobIds(work)).as("one job array, submitted once").hasSize(1);
    assertThat(trials(work, "reattached")).hasSize(5).allSatisfy(t -> {
      assertThat(t.status()).isEqualTo(TrialStatus.COMPLETED);
      assertThat(t.attempts()).isEqualTo(1);
    });
    assertThat(metrics(work, "reattached", k -> true).values()).allSatisfy(rows -> assertThat(rows).hasSize(13));
  }

  @Test
  void detachedTasksFinishingTogetherAreEachIngestedOnceWhenStatusReattaches() throws Exception {
    Path spec = spec(ScriptedSweep.yaml("together", "{mode: complete, metrics: 20}",
        "executor: {type: slurm}", "sweep: {seeds: 4}"));
    Run submit = rlx(work, spec, "sweep", "SPEC", "--detach");
    assertThat(submit.exitCode()).as(submit.out() + submit.err()).isZero();
    assertThat(submit.out()).contains("submitted 4 trials").contains("detached: `rlx status together --follow` reattaches");
    assertThat(trials(work, "together")).hasSize(4).allSatisfy(t -> assertThat(t.status()).isEqualTo(TrialStatus.PENDING));
    // Every task finishes while no driver watches: the next look finds all four done at once.
    Path runs = work.resolve(".rlx/runs/together");
    waitFor(work, "four done markers", () -> {
      try (var dirs = Files.list(runs)) {
        return dirs.filter(d -> Files.exists(d.resolve(SlurmExecutor.DONE))).count() == 4;
      } catch (java.io.IOException e) {
        return false;
      }
    });
    Run status = rlx(work, spec, "status", "together", "--follow");
    assertThat(status.exitCode()).as(status.out() + status.err()).isZero();
    assertThat(status.out()).contains("4 completed").contains("together: 4 trials: 4 completed");
    assertThat(metrics(work, "together", k -> true).values()).hasSize(4).allSatisfy(rows -> assertThat(rows).hasSize(23));
    Run again = rlx(work, spec, "status", "together");
    assertThat(again.out()).doesNotContain("on Slurm").contains("4 completed");
    assertThat(metrics(work, "together", k -> true).values()).allSatisfy(rows -> assertThat(rows).hasSize(23));
  }

  @Test
  void ctrlCWithoutATerminalLeavesOrCancelsTheArrayAsOnInterruptSays() throws Exception {
    Path spec = spec(ScriptedSweep.yaml("interrupted", "{mode: sleep, duration_ms: 4000}",
        "executor: {type: slurm, max_parallel: 2}", "sweep: {seeds: 4}"));
    Process leaving = startSubmitting(work, spec, "the submission", "sweep", "SPEC", "--on-interrupt", "leave");
    signal(leaving, "INT");
    assertThat(leaving.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(leaving.exitValue()).as(said(work)).isEqualTo(130);
    assertThat(Files.readString(work.resolve("driver.err"))).contains("left job array " + jobIds(work).get(0) + " running");
    Run followed = rlx(work, spec, "status", "interrupted", "--follow");
    assertThat(followed.exitCode()).as(followed.out() + followed.err()).isZero();
    assertThat(trials(work, "interrupted")).allSatisfy(t -> assertThat(t.status()).isEqualTo(TrialStatus.COMPLETED));

    Process cancelling = startSubmitting(work, spec, "the second submission", "sweep", "SPEC", "--fresh", "--on-interrupt", "cancel");
    signal(cancelling, "INT");
    assertThat(cancelling.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(cancelling.exitValue()).as(said(work)).isEqualTo(130);
    assertThat(Files.readString(work.resolve("driver.err"))).contains("cancelling job array");
    assertThat(trials(work, "interrupted")).allSatisfy(t -> assertThat(t.status()).isEqualTo(TrialStatus.CANCELLED));
  }
}
