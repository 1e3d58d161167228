package dev.rlx.core.mlflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rlx.core.exec.GpuInventory;
import dev.rlx.core.exec.SweepOptions;
import dev.rlx.core.exec.SweepProgress;
import dev.rlx.core.exec.SweepRunner;
import dev.rlx.core.plan.ExperimentPlan;
import dev.rlx.core.store.MetricRow;
import dev.rlx.core.store.Provenance;
import dev.rlx.core.store.ResultsStore;
import dev.rlx.core.store.StoredTrial;
import dev.rlx.core.store.TrialStatus;
import dev.rlx.sweeps.TrialSpec;
import dev.rlx.testkit.RandomWalkSweep;
import dev.rlx.testkit.mlflow.MetricPoint;
import dev.rlx.testkit.mlflow.MlflowRun;
import dev.rlx.testkit.mlflow.MlflowTestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real sweeps mirrored to an in-process MLflow server, through the real MLflow Java client. */
class MlflowMirrorTest {

  private static final Provenance PROVENANCE = MirrorSweeps.PROVENANCE;
  private static final MlflowSettings QUICK = MirrorSweeps.QUICK;

  private static final String WALK = RandomWalkSweep.yaml(20, "[0.0, 0.8]", 2)
      + "tracking: {mlflow: {experiment: walk-in-mlflow, runs: trials, tags: {team: rl}}}\n";

  @TempDir
  Path dir;

  private ResultsStore store() {
    return ResultsStore.open("jdbc:h2:file:" + dir.resolve("results"));
  }

  private static ExperimentPlan plan(String yaml) {
    return MirrorSweeps.plan(yaml);
  }

  private SyncResult sweep(ResultsStore store, ExperimentPlan plan, MlflowTarget target, MlflowSettings settings,
      Optional<Path> report) throws InterruptedException {
    return MirrorSweeps.sweep(dir, store, plan, target, settings, report);
  }

  /**
   * Sweeps {@code seeds} trials of 2,500 metric points each with the mirror on, then, if the
   * mirror could not finish, syncs the rest: either way the sweep ends fully in MLflow.
   */
  private void mirrorThenSync(ResultsStore store, MlflowTestServer server, String name, int seeds) throws InterruptedException {
    ExperimentPlan plan = plan("""
        name: %s
        environment: {id: null-env}
        algorithm: {id: scripted, params: {metrics: 2500}}
        budget: {episodes: 1}
        sweep: {seeds: %d}
        tracking: {mlflow: {runs: trials}}
        """.formatted(name, seeds));
    SyncResult mirrored = sweep(store, plan, target(server), QUICK, Optional.empty());
    if (!mirrored.synced()) {
      SyncResult synced = MlflowSync.sync(target(server), store.url(), mirrored.sweepId(), QUICK, n -> { });
      assertThat(synced.synced()).as(synced.toString()).isTrue();
    }
  }

  private static MlflowTarget target(MlflowTestServer server) {
    return MlflowTarget.of(server.uri(), Map.of());
  }

  /** The server holds exactly the store's trials, params and metric points: nothing lost, nothing twice. */
  private static void assertMirrors(ResultsStore store, String experiment, MlflowTestServer server) {
    List<StoredTrial> trials = store.trials().of(experiment);
    List<MlflowRun> children = server.runs().stream().filter(r -> r.tags.containsKey("mlflow.parentRunId")).toList();
    assertThat(children).extracting(r -> r.tags.get("rlx.trial_id"))
        .containsExactlyInAnyOrderElementsOf(trials.stream().map(StoredTrial::trialId).toList());
    assertThat(server.runs()).hasSize(trials.size() + 1);
    for (StoredTrial t : trials) {
      MlflowRun run = children.stream().filter(r -> r.tags.get("rlx.trial_id").equals(t.trialId())).findFirst().orElseThrow();
      long start = t.startedAt().toEpochMilli();
      Map<String, List<String>> expected = store.metrics().of(t.pk()).stream().collect(Collectors.groupingBy(MetricRow::key,
          Collectors.mapping(m -> m.step() + ":" + m.value() + "@" + (start + Math.round(m.wallTime() * 1000)), Collectors.toList())));
      Map<String, List<String>> actual = new java.util.HashMap<>();
      run.metrics.forEach((k, v) -> actual.put(k, v.stream().map(p -> p.step() + ":" + p.value() + "@" + p.timestamp()).sorted().toList()));
      expected.replaceAll((k, v) -> v.stream().sorted().toList());
      assertThat(actual).isEqualTo(expected);
      assertThat(run.status).isEqualTo("FINISHED");
      assertThat(run.params).containsEntry("algorithm.id", t.configJson().contains("td-lambda") ? "td-lambda" : "scripted");
    }
  }

  @Test
  void mirrorsASweepAsAParentRunWithAChildRunPerTrial() throws Exception {
    Path report = Files.createDirectories(dir.resolve("report"));
    Files.writeString(report.resolve("index.html"), "<html></html>");
    try (MlflowTestServer server = MlflowTestServer.start(); ResultsStore store = store()) {
      SyncResult result = sweep(store, plan(WALK), target(server), MlflowSettings.DEFAULT, Optional.of(report));

      assertThat(result.synced()).isTrue();
      assertThat(result.unsyncedTrials()).isZero();
      assertThat(server.experiments()).containsValue("walk-in-mlflow");
      MlflowRun parent = server.runs().stream().filter(r -> !r.tags.containsKey("mlflow.parentRunId")).findFirst().orElseThrow();
      assertThat(result.runUrl()).contains(server.uri() + "/#/experiments/" + parent.experimentId + "/runs/" + parent.runId);
      assertThat(parent.tags).containsEntry("rlx.spec", "walk").containsEntry("rlx.sweep_id", Long.toString(result.sweepId()))
          .containsEntry("rlx.version", "0.1.0-test").containsEntry("mlflow.source.git.commit", PROVENANCE.gitCommit())
          .containsEntry("team", "rl");
      assertThat(parent.status).isEqualTo("FINISHED");
      assertThat(parent.endTime).isGreaterThanOrEqualTo(parent.startTime);

      List<MlflowRun> children = server.runs().stream().filter(r -> parent.runId.equals(r.tags.get("mlflow.parentRunId"))).toList();
      assertThat(children).hasSize(4);
      assertThat(children).extracting(r -> r.runName)
          .containsExactlyInAnyOrder("lambda=0.0 seed=0", "lambda=0.0 seed=1", "lambda=0.8 seed=0", "lambda=0.8 seed=1");
      assertThat(children).allSatisfy(c -> {
        assertThat(c.tags).containsKeys("rlx.trial_id", "rlx.variant", "rlx.seed").containsEntry("rlx.device", "cpu")
            .containsEntry("rlx.status", "COMPLETED").containsEntry("team", "rl");
        assertThat(c.params).containsEntry("algorithm.params.alpha", "0.1").containsKey("algorithm.params.lambda")
            .containsEntry("environment.params.n_states", "5");
        assertThat(c.metrics).containsKey("rms_error");
        assertThat(c.metrics.get("rms_error")).hasSize(20);
        assertThat(server.artifacts()).containsKey(c.experimentId + "/" + c.runId + "/artifacts/config.json");
      });
      assertMirrors(store, "walk", server);
      String parentArtifacts = parent.experimentId + "/" + parent.runId + "/artifacts/";
      assertThat(server.artifacts()).containsKeys(parentArtifacts + "spec.yaml", parentArtifacts + "report/index.html");
      assertThat(new String(server.artifacts().get(parentArtifacts + "spec.yaml"))).contains("walk-in-mlflow");
      assertThat(server.duplicatePoints()).isZero();
      // Nothing left to send: a sync sends nothing.
      long batches = server.requests("runs/log-batch");
      SyncResult again = MlflowSync.sync(target(server), store.url(), result.sweepId(), QUICK, n -> { });
      assertThat(again.synced()).isTrue();
      assertThat(again.metricsSent()).isZero();
      assertThat(server.requests("runs/log-batch")).isEqualTo(batches);
    }
  }

  @Test
  @Tag("slow")
  void aSweepCompletesWithMlflowDownAndALaterSyncSendsEverythingExactlyOnce() throws Exception {
    int port = MlflowTestServer.freePort();
    try (MlflowTestServer server = MlflowTestServer.create(port, 6000, true); ResultsStore store = store()) {
      ExperimentPlan plan = plan(WALK);
      long started = System.nanoTime();
      SyncResult down = sweep(store, plan, target(server), QUICK, Optional.empty());
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
      assertThat(down.synced()).isFalse();
      assertThat(down.unsyncedTrials()).isEqualTo(4);
      assertThat(down.runUrl()).isEmpty();
      assertThat(down.error()).hasValueSatisfying(e -> assertThat(e).contains("unreachable"));
      assertThat(MlflowSync.unsyncedSweeps(store.url())).containsExactly(down.sweepId());

      server.up();
      SyncResult synced = MlflowSync.sync(target(server), store.url(), down.sweepId(), QUICK, n -> { });
      assertThat(synced.synced()).isTrue();
      assertThat(synced.runsCreated()).isEqualTo(5);
      assertThat(synced.metricsSent()).isEqualTo(store.metrics().count("walk"));
      assertMirrors(store, "walk", server);
      assertThat(server.duplicatePoints()).isZero();
      assertThat(server.requests("runs/create")).isEqualTo(5);
      assertThat(MlflowSync.unsyncedSweeps(store.url())).isEmpty();

      long requests = server.requests("runs/log-batch");
      SyncResult again = MlflowSync.sync(target(server), store.url(), down.sweepId(), QUICK, n -> { });
      assertThat(again.runsCreated()).isZero();
      assertThat(server.requests("runs/log-batch")).isEqualTo(requests);
    }
  }

  @Test
  @Tag("slow")
  void intermittentFailuresAndSlowAnswersLoseNothingAndDuplicateNoRun() throws Exception {
    try (MlflowTestServer server = MlflowTestServer.start(); ResultsStore store = store()) {
      server.failEvery(4, 503);
      server.slowEvery(9, 1_200); // past the 800 ms deadline: the answer is lost, the request was applied
      mirrorThenSync(store, server, "many", 4);
      assertThat(server.faultsInjected()).isPositive();
      assertMirrors(store, "many", server);
      assertThat(server.runs()).allSatisfy(r -> assertThat(r.status).isEqualTo("FINISHED"));
    }
  }

  @Test
  @Tag("slow")
  void trialsSentOverTwoLanesUnderFaultsLoseNothingAndDuplicateNothing() throws Exception {
    try (MlflowTestServer server = MlflowTestServer.start(); ResultsStore store = store()) {
      server.failEvery(5, 503);
      server.slowEvery(11, 1_200); // past the 800 ms deadline: applied, its answer lost
      mirrorThenSync(store, server, "lanes", 2 * 8); // enough open trials for a second lane (SweepSync.LANES)
      assertThat(server.faultsInjected()).isPositive();
      // Every trial's run once, each holding exactly the store's points (the client itself sends a
      // batch answered 5xx again, which the server keeps once, as MLflow's SQL store does).
      assertMirrors(store, "lanes", server);
      assertThat(server.runs()).allSatisfy(r -> assertThat(r.status).isEqualTo("FINISHED"));
    }
  }

  @Test
  @Tag("slow")
  void answersLostPastTheDeadlineAreResolvedFromTheServerNotBySendingAgain() throws Exception {
    try (MlflowTestServer server = MlflowTestServer.start(); ResultsStore store = store()) {
      server.slowEvery(4, 1_200); // applied, but answered after the 800 ms deadline
      mirrorThenSync(store, server, "lost", 2);
      assertThat(server.faultsInjected()).isPositive();
      assertMirrors(store, "lost", server);
      // Every run created once (a create whose answer was lost is found by its tags), no point sent twice.
      assertThat(server.requests("runs/create")).isEqualTo(3);
      assertThat(server.duplicatePoints()).isZero();
    }
  }

  /** Local sweep options with {@code jobs} trials at a time, resuming, no GPUs. */
  private SweepOptions options(int jobs) {
    return new SweepOptions(dir, jobs, GpuInventory.NONE, Optional.empty(), false, true, false, Duration.ZERO, List.of());
  }

  interface Step {
    void run() throws Exception;
  }

  /** A started thread that runs {@code then} once the server holds {@code points} metric points. */
  private static Thread atPoints(MlflowTestServer server, long points, Step then) {
    Thread t = new Thread(() -> {
      try {
        while (server.metricPoints() < points) {
          Thread.sleep(20);
        }
        then.run();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    t.start();
    return t;
  }

  @Test
  @Tag("slow")
  void aStreamingTrialRidesOutAnOutageAndACrashedTrialKeepsWhatItLogged() throws Exception {
    // The in-process server, because the test takes it down at a moment of its choosing, mid-trial.
    try (MlflowTestServer server = MlflowTestServer.start(); ResultsStore store = store()) {
      ExperimentPlan plan = plan("""
          name: outage
          environment: {id: null-env}
          algorithm: {id: scripted, params: {mode: trickle, metrics: 40, duration_ms: 4000}}
          budget: {episodes: 1}
          sweep:
            variants:
              ok: {algorithm.params.mode: trickle}
              crashes: {algorithm.params.mode: trickle_throw}
          tracking: {mlflow: {runs: trials}}
          """);
      MlflowMirror mirror = new MlflowMirror(target(server), store.url(), QUICK, w -> { });
      SweepOptions options = options(2);
      java.util.concurrent.atomic.AtomicLong pointsAtOutage = new java.util.concurrent.atomic.AtomicLong();
      Thread outage = atPoints(server, 10, () -> {
        pointsAtOutage.set(server.metricPoints());
        server.down();
        Thread.sleep(1_500);
        server.up();
      });
      new SweepRunner(MirrorSweeps.CATALOG, store, mirror).run(plan, options, PROVENANCE, SweepProgress.SILENT, s -> { });
      SyncResult result = mirror.finish(Optional.empty());
      outage.join();
      assertThat(result.synced()).as(result.toString()).isTrue();
      assertThat(pointsAtOutage.get()).as("MLflow went down while the trials were streaming").isBetween(10L, 60L);
      MlflowRun ok = server.runs().stream().filter(r -> "ok".equals(r.tags.get("rlx.variant"))).findFirst().orElseThrow();
      MlflowRun crashed = server.runs().stream().filter(r -> "crashes".equals(r.tags.get("rlx.variant"))).findFirst().orElseThrow();
      assertThat(ok.status).isEqualTo("FINISHED");
      assertThat(ok.metrics.get("value")).extracting(MetricPoint::step).containsExactlyInAnyOrderElementsOf(
          java.util.stream.LongStream.rangeClosed(1, 40).boxed().toList());
      assertThat(crashed.status).isEqualTo("FAILED");
      assertThat(crashed.tags.get("rlx.error")).contains("scripted failure after 40 points");
      assertThat(crashed.metrics.get("value")).as("a crashed trial keeps what it logged").extracting(MetricPoint::step)
          .containsExactlyInAnyOrderElementsOf(java.util.stream.LongStream.rangeClosed(1, 40).boxed().toList());
      assertThat(server.duplicatePoints()).isZero();
    }
  }

  @Test
  @Tag("slow")
  void aLiveFileThatTurnsUnreadableStopsOnlyItsStreamAndTheTrialsRowsStillArriveOnce() throws Exception {
    try (MlflowTestServer server = MlflowTestServer.start(); ResultsStore store = store()) {
      ExperimentPlan plan = plan("""
          name: corrupt
          environment: {id: null-env}
          algorithm: {id: scripted, params: {mode: trickle, metrics: 40, duration_ms: 3000}}
          budget: {episodes: 1}
          tracking: {mlflow: {runs: trials}}
          """);
      List<String> warnings = new java.util.concurrent.CopyOnWriteArrayList<>();
      MlflowMirror mirror = new MlflowMirror(target(server), store.url(), QUICK, warnings::add);
      SweepOptions options = options(1);
      Thread corrupt = atPoints(server, 5, () -> {
        try (java.util.stream.Stream<Path> files = Files.walk(dir.resolve(".rlx"))) {
          Path live = files.filter(f -> f.getFileName().toString().equals(dev.rlx.core.exec.LiveMetrics.FILE)).findFirst()
              .orElseThrow();
          Files.writeString(live, "not a metric row\n", java.nio.file.StandardOpenOption.APPEND);
        }
      });
      new SweepRunner(MirrorSweeps.CATALOG, store, mirror).run(plan, options, PROVENANCE, SweepProgress.SILENT, x -> { });
      SyncResult result = mirror.finish(Optional.empty());
      corrupt.join();
      assertThat(result.synced()).as(result.toString()).isTrue();
      assertThat(warnings).anyMatch(w -> w.contains("cannot stream the metrics of trial") && w.contains("they are sent when it ends"));
      MlflowRun run = server.runs().stream().filter(r -> r.tags.containsKey("rlx.trial_id")).findFirst().orElseThrow();
      assertThat(run.status).isEqualTo("FINISHED");
      assertThat(run.metrics.get("value")).extracting(MetricPoint::step)
          .containsExactlyInAnyOrderElementsOf(java.util.stream.LongStream.rangeClosed(1, 40).boxed().toList());
      assertThat(server.duplicatePoints()).isZero();
    }
  }

  @Test
  void aParamBeyondMlflowsLengthLimitIsCutAndTheRunStillSyncs() throws Exception {
    String huge = "x".repeat(7_000);
    for (int limit : new int[] {6000, 500}) {
      try (MlflowTestServer server = MlflowTestServer.create(MlflowTestServer.freePort(), limit, true).up();
          ResultsStore store = ResultsStore.open("jdbc:h2:file:" + dir.resolve("long-" + limit))) {
        ObjectNode config = new ObjectMapper().createObjectNode();
        config.putObject("algorithm").put("id", "scripted").putObject("params").put("notes", huge).put("short", "ok");
        long experiment = store.sweeps().experiment("long", "abc", "spec.yaml", "name: long\n");
        long sweepId = store.sweeps().start("long", experiment, 1, PROVENANCE);
        store.trials().enqueue("long", sweepId, List.of(new TrialSpec(0, "t0", "", List.of(), 0, config)), Map.of());
        store.trials().markRunning("long", "t0", 1, "thread", "cpu", dir.toString());
        store.trials().complete("long", "t0", 5, List.of(new MetricRow("loss", 1, Double.NaN, 0.1), new MetricRow("loss", 2, 0.5, 0.2)), Map.of());
        store.sweeps().finish(sweepId, "FINISHED");

        SyncResult r = MlflowSync.sync(target(server), store.url(), sweepId, QUICK, n -> { });
        assertThat(r.synced()).isTrue();
        MlflowRun child = server.runs().stream().filter(x -> "t0".equals(x.tags.get("rlx.trial_id"))).findFirst().orElseThrow();
        assertThat(child.params.get("algorithm.params.notes")).hasSizeLessThanOrEqualTo(limit).endsWith(RunParams.TRUNCATED);
        assertThat(child.params).containsEntry("algorithm.params.short", "ok");
        assertThat(child.tags).containsEntry("rlx.truncated_params", "algorithm.params.notes");
        assertThat(child.status).isEqualTo("FINISHED");
        assertThat(child.metrics.get("loss")).extracting(MetricPoint::value).containsExactly(Double.NaN, 0.5);
        String uploaded = new String(server.artifacts().get(child.experimentId + "/" + child.runId + "/artifacts/config.json"));
        assertThat(uploaded).contains(huge);
      }
    }
  }
}
