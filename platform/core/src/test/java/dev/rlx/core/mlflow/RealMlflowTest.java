package dev.rlx.core.mlflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rlx.core.plan.ExperimentPlan;
import dev.rlx.core.store.MetricRow;
import dev.rlx.core.store.ResultsStore;
import dev.rlx.core.store.StoredTrial;
import dev.rlx.testkit.RandomWalkSweep;
import dev.rlx.testkit.mlflow.MetricPoint;
import dev.rlx.testkit.mlflow.MlflowRun;
import dev.rlx.testkit.mlflow.RealMlflowServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sweeps mirrored to a real MLflow 2.17.0 server (scripts/mlflow/local-mlflow.sh; .ci/run starts
 * one and sets RLX_MLFLOW_REAL_URI and RLX_REQUIRE_MLFLOW=1), read back over its REST API.
 * Without a server they are skipped, saying how to start one, unless RLX_REQUIRE_MLFLOW=1.
 */
@Tag("mlflow")
class RealMlflowTest {

  @TempDir
  Path dir;

  private RealMlflowServer server;
  /** Each test's experiment is new on a server that outlives the test. */
  private final String experiment = "walk-" + UUID.randomUUID().toString().substring(0, 8);

  @BeforeEach
  void server() {
    Optional<RealMlflowServer> found = RealMlflowServer.fromEnvironment();
    if (found.isEmpty() && "1".equals(System.getenv("RLX_REQUIRE_MLFLOW"))) {
      fail(RealMlflowServer.whyNone());
    }
    assumeTrue(found.isPresent(), RealMlflowServer::whyNone);
    server = found.get();
  }

  private ResultsStore store() {
    return ResultsStore.open("jdbc:h2:file:" + dir.resolve("results"));
  }

  private MlflowTarget target() {
    return MlflowTarget.of(server.uri(), Map.of());
  }

  private ExperimentPlan walk(String runs) {
    return MirrorSweeps.plan(RandomWalkSweep.yaml(20, "[0.0, 0.8]", 3)
        + "tracking: {mlflow: {experiment: " + experiment + ", runs: " + runs + ", tags: {team: rl}}}\n");
  }

  @Test
  void aSweepArrivesWhole() throws Exception {
    Path report = Files.createDirectories(dir.resolve("report"));
    Files.writeString(report.resolve("index.html"), "<html></html>");
    try (ResultsStore store = store()) {
      SyncResult result = MirrorSweeps.sweep(dir, store, walk("trials"), target(), MlflowSettings.DEFAULT, Optional.of(report));
      assertThat(result.synced()).as(result.toString()).isTrue();

      String experimentId = server.experimentId(experiment).orElseThrow();
      List<MlflowRun> runs = server.runs(experimentId);
      MlflowRun parent = runs.stream().filter(r -> !r.tags.containsKey("mlflow.parentRunId")).findFirst().orElseThrow();
      assertThat(parent.status).isEqualTo("FINISHED");
      assertThat(parent.endTime).isGreaterThanOrEqualTo(parent.startTime);
      assertThat(parent.tags).containsEntry("rlx.spec", "walk").containsEntry("team", "rl");
      assertThat(server.artifacts(parent.runId, "")).contains("spec.yaml", "report");
      assertThat(server.artifacts(parent.runId, "report")).contains("report/index.html");

      List<MlflowRun> children = runs.stream().filter(r -> parent.runId.equals(r.tags.get("mlflow.parentRunId"))).toList();
      List<StoredTrial> trials = store.trials().of("walk");
      assertThat(children).hasSize(6).extracting(r -> r.tags.get("rlx.trial_id"))
          .containsExactlyInAnyOrderElementsOf(trials.stream().map(StoredTrial::trialId).toList());
      for (StoredTrial t : trials) {
        MlflowRun run = children.stream().filter(r -> r.tags.get("rlx.trial_id").equals(t.trialId())).findFirst().orElseThrow();
        assertThat(run.status).isEqualTo("FINISHED");
        assertThat(run.params).containsEntry("algorithm.params.alpha", "0.1").containsEntry("environment.params.n_states", "5");
        assertThat(server.artifacts(run.runId, "")).contains("config.json");
        long start = t.startedAt().toEpochMilli();
        Map<String, List<String>> expected = store.metrics().of(t.pk()).stream().collect(Collectors.groupingBy(MetricRow::key,
            Collectors.mapping(m -> m.step() + ":" + m.value() + "@" + (start + Math.round(m.wallTime() * 1000)),
                Collectors.collectingAndThen(Collectors.toList(), l -> l.stream().sorted().toList()))));
        Map<String, List<String>> actual = new HashMap<>();
        run.metrics.forEach((k, v) -> actual.put(k, v.stream().map(p -> p.step() + ":" + p.value() + "@" + p.timestamp()).sorted()
            .toList()));
        assertThat(actual).isEqualTo(expected);
      }
    }
  }

  @Test
  void groupRunsCarryEachMetricsMeanAndConfidenceIntervalOverTheSeedsWithTheTrialsNestedBelow() throws Exception {
    try (ResultsStore store = store()) {
      SyncResult result = MirrorSweeps.sweep(dir, store, walk("both"), target(), MlflowSettings.DEFAULT, Optional.empty());
      assertThat(result.synced()).as(result.toString()).isTrue();
      List<MlflowRun> runs = server.runs(server.experimentId(experiment).orElseThrow());
      assertThat(runs).hasSize(1 + 2 + 6);
      MlflowRun parent = runs.stream().filter(r -> !r.tags.containsKey("mlflow.parentRunId")).findFirst().orElseThrow();
      // The parent has what every trial shares, and nothing that varies.
      assertThat(parent.params).containsEntry("algorithm.params.alpha", "0.1").containsEntry("environment.id", "random-walk")
          .doesNotContainKeys("algorithm.params.lambda", "seed");
      List<MlflowRun> groups = runs.stream().filter(r -> parent.runId.equals(r.tags.get("mlflow.parentRunId"))).toList();
      assertThat(groups).extracting(r -> r.runName).containsExactlyInAnyOrder("lambda=0.0 (group)", "lambda=0.8 (group)");
      List<StoredTrial> trials = store.trials().of("walk");
      for (MlflowRun group : groups) {
        assertThat(group.status).isEqualTo("FINISHED");
        assertThat(group.tags).containsEntry("rlx.run", "group").containsEntry("rlx.seeds", "3")
            .containsEntry("rlx.seeds_completed", "3 of 3").containsEntry("team", "rl");
        String lambda = group.params.get("algorithm.params.lambda");
        assertThat(group.params).containsEntry("algorithm.params.alpha", "0.1").doesNotContainKey("seed");
        List<MlflowRun> seeds = runs.stream().filter(r -> group.runId.equals(r.tags.get("mlflow.parentRunId"))).toList();
        assertThat(seeds).hasSize(3).allSatisfy(r -> assertThat(r.params).containsEntry("algorithm.params.lambda", lambda));
        // mean and the 95% Student's t interval (t = 4.303 at 2 degrees of freedom), step by step, from the store.
        List<StoredTrial> mine = trials.stream().filter(t -> t.configJson().contains("\"lambda\":" + lambda)).toList();
        assertThat(mine).hasSize(3);
        Map<Long, List<Double>> byStep = new java.util.TreeMap<>();
        mine.forEach(t -> store.metrics().of(t.pk()).stream().filter(m -> m.key().equals("rms_error"))
            .forEach(m -> byStep.computeIfAbsent(m.step(), k -> new java.util.ArrayList<>()).add(m.value())));
        assertThat(byStep).hasSize(20);
        Map<Long, Double> mean = new HashMap<>();
        Map<Long, Double> low = new HashMap<>();
        Map<Long, Double> high = new HashMap<>();
        byStep.forEach((step, v) -> {
          double m = (v.get(0) + v.get(1) + v.get(2)) / 3;
          double sd = Math.sqrt(((v.get(0) - m) * (v.get(0) - m) + (v.get(1) - m) * (v.get(1) - m) + (v.get(2) - m) * (v.get(2) - m)) / 2);
          mean.put(step, m);
          low.put(step, m - 4.303 * sd / Math.sqrt(3));
          high.put(step, m + 4.303 * sd / Math.sqrt(3));
        });
        assertThat(byStepOf(group, "rms_error/mean")).allSatisfy((step, v) -> assertThat(v).isCloseTo(mean.get(step), within(1e-12)))
            .hasSize(20);
        assertThat(byStepOf(group, "rms_error/ci_low")).allSatisfy((step, v) -> assertThat(v).isCloseTo(low.get(step), within(1e-12)))
            .hasSize(20);
        assertThat(byStepOf(group, "rms_error/ci_high")).allSatisfy((step, v) -> assertThat(v).isCloseTo(high.get(step), within(1e-12)))
            .hasSize(20);
      }
    }
  }

  @Test
  void withGroupsOnlyTheTrialsGetNoRunsOfTheirOwn() throws Exception {
    try (ResultsStore store = store()) {
      SyncResult result = MirrorSweeps.sweep(dir, store, walk("groups"), target(), MlflowSettings.DEFAULT, Optional.empty());
      assertThat(result.synced()).as(result.toString()).isTrue();
      assertThat(result.unsyncedTrials()).isZero();
      List<MlflowRun> runs = server.runs(server.experimentId(experiment).orElseThrow());
      assertThat(runs).hasSize(3);
      assertThat(runs).allSatisfy(r -> assertThat(r.status).isEqualTo("FINISHED"));
      assertThat(runs).filteredOn(r -> "group".equals(r.tags.get("rlx.run"))).hasSize(2)
          .allSatisfy(g -> assertThat(g.metrics).containsKeys("rms_error/mean", "rms_error/std"));
    }
  }

  @Test
  void aRunningTrialsMetricsArriveWhileItRunsAFewHundredMillisecondsBehind() throws Exception {
    ExperimentPlan plan = MirrorSweeps.plan("""
        name: live
        environment: {id: null-env}
        algorithm: {id: scripted, params: {mode: trickle, metrics: 40, duration_ms: 6000}}
        budget: {episodes: 1}
        sweep: {seeds: 2}
        tracking: {mlflow: {experiment: %s, runs: trials}}
        """.formatted(experiment));
    try (ResultsStore store = store()) {
      CompletableFuture<SyncResult> sweep = CompletableFuture.supplyAsync(() -> {
        try {
          return MirrorSweeps.sweep(dir, store, plan, target(), MlflowSettings.DEFAULT, Optional.empty());
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
      });
      long worstLag = 0;
      int partialLooks = 0;
      while (!sweep.isDone()) {
        long now = System.currentTimeMillis();
        Optional<String> id = server.experimentId(experiment);
        for (MlflowRun r : id.map(server::runs).orElse(List.of())) {
          List<MetricPoint> points = r.metrics.getOrDefault("value", List.of());
          if (r.status.equals("RUNNING") && !points.isEmpty() && points.size() < 40) {
            partialLooks++;
            // Points are logged every 150 ms; the newest that has arrived says how far behind MLflow is.
            worstLag = Math.max(worstLag, now - points.stream().mapToLong(MetricPoint::timestamp).max().orElseThrow() - 150);
          }
        }
        Thread.sleep(250);
      }
      assertThat(sweep.get().synced()).isTrue();
      System.out.println("streaming: " + partialLooks + " looks at running trials, worst lag " + worstLag + " ms");
      assertThat(partialLooks).as("looks at a running trial that had some of its points").isPositive();
      assertThat(worstLag).as("how far behind the trial MLflow was, ms").isLessThan(5_000);
      List<MlflowRun> runs = server.runs(server.experimentId(experiment).orElseThrow());
      for (StoredTrial t : store.trials().of("live")) {
        MlflowRun run = runs.stream().filter(r -> t.trialId().equals(r.tags.get("rlx.trial_id"))).findFirst().orElseThrow();
        assertThat(run.status).isEqualTo("FINISHED");
        long start = t.startedAt().toEpochMilli();
        assertThat(run.metrics.get("value")).as("each point once, as stored").extracting(p -> p.step() + "@" + p.timestamp())
            .containsExactlyInAnyOrderElementsOf(store.metrics().of(t.pk()).stream().filter(m -> m.key().equals("value"))
                .map(m -> m.step() + "@" + (start + Math.round(m.wallTime() * 1000))).toList());
      }
    }
  }

  @Test
  void aStreamingTrialRidesOutTheRealServerGoingDownAndComingBackWithEveryPointOnce() throws Exception {
    int port = dev.rlx.testkit.mlflow.MlflowTestServer.freePort();
    RealMlflowServer own = RealMlflowServer.startPrivate(Path.of("../../scripts/mlflow/local-mlflow.sh").toAbsolutePath(), port)
        .orElseThrow(() -> new IllegalStateException("could not start a second MLflow server on port " + port));
    try (ResultsStore store = store()) {
      ExperimentPlan plan = MirrorSweeps.plan("""
          name: outage
          environment: {id: null-env}
          algorithm: {id: scripted, params: {mode: trickle, metrics: 60, duration_ms: 20000}}
          budget: {episodes: 1}
          tracking: {mlflow: {experiment: %s, runs: trials}}
          """.formatted(experiment));
      CompletableFuture<SyncResult> sweep = CompletableFuture.supplyAsync(() -> {
        try {
          return MirrorSweeps.sweep(dir, store, plan, MlflowTarget.of(own.uri(), Map.of()), MirrorSweeps.QUICK, Optional.empty());
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
      });
      int before = 0;
      while (before < 5 && !sweep.isDone()) {
        Thread.sleep(200);
        before = own.experimentId(experiment).map(own::runs).orElse(List.of()).stream()
            .mapToInt(r -> r.metrics.getOrDefault("value", List.of()).size()).sum();
      }
      own.stop(); // mid-trial: the mirror backs off and tries again
      Thread.sleep(2_000);
      own.resume();
      SyncResult result = sweep.get();
      assertThat(before).as("points that had arrived before the outage").isBetween(5, 59);
      assertThat(result.synced()).as(result.toString()).isTrue();
      MlflowRun run = own.runs(own.experimentId(experiment).orElseThrow()).stream()
          .filter(r -> r.tags.containsKey("rlx.trial_id")).findFirst().orElseThrow();
      assertThat(run.status).isEqualTo("FINISHED");
      assertThat(run.metrics.get("value")).extracting(MetricPoint::step).as("every point once")
          .containsExactlyInAnyOrderElementsOf(java.util.stream.LongStream.rangeClosed(1, 60).boxed().toList());
    } finally {
      own.stop();
    }
  }

  @Test
  void aServerThatDoesNotProxyArtifactsGetsThemWrittenToItsLocalArtifactRoot() throws Exception {
    int port = dev.rlx.testkit.mlflow.MlflowTestServer.freePort();
    RealMlflowServer own = RealMlflowServer.startPrivate(Path.of("../../scripts/mlflow/local-mlflow.sh").toAbsolutePath(), port,
        Map.of("MLFLOW_ARTIFACTS", "local")).orElseThrow(() -> new IllegalStateException("no second MLflow server on " + port));
    Path report = Files.createDirectories(dir.resolve("report"));
    Files.writeString(report.resolve("index.html"), "<html></html>");
    List<String> notes = new java.util.ArrayList<>();
    try (ResultsStore store = store()) {
      MlflowMirror mirror = new MlflowMirror(MlflowTarget.of(own.uri(), Map.of()), store.url(), MlflowSettings.DEFAULT, notes::add);
      dev.rlx.core.exec.SweepOptions options = new dev.rlx.core.exec.SweepOptions(dir, 2, dev.rlx.core.exec.GpuInventory.NONE,
          Optional.empty(), false, true, false, java.time.Duration.ZERO, List.of());
      new dev.rlx.core.exec.SweepRunner(MirrorSweeps.CATALOG, store, mirror).run(walk("both"), options, MirrorSweeps.PROVENANCE,
          dev.rlx.core.exec.SweepProgress.SILENT, x -> { });
      assertThat(mirror.finish(Optional.of(report)).synced()).isTrue();
      assertThat(notes).as("nothing to warn about").isEmpty();
      List<MlflowRun> runs = own.runs(own.experimentId(experiment).orElseThrow());
      MlflowRun parent = runs.stream().filter(r -> !r.tags.containsKey("mlflow.parentRunId")).findFirst().orElseThrow();
      // The server lists what rlx wrote under its artifact root, as the UI's Artifacts tab does.
      assertThat(own.artifacts(parent.runId, "")).contains("spec.yaml", "report");
      assertThat(runs).filteredOn(r -> r.tags.containsKey("rlx.trial_id")).hasSize(6)
          .allSatisfy(r -> assertThat(own.artifacts(r.runId, "")).contains("config.json"));
      assertThat(own.dataDirectory().resolve("artifacts")).isDirectory();
    } finally {
      own.stop();
    }
  }

  private static Map<Long, Double> byStepOf(MlflowRun run, String key) {
    Map<Long, Double> out = new HashMap<>();
    run.metrics.getOrDefault(key, List.of()).forEach(p -> assertThat(out.put(p.step(), p.value())).as("one point a step").isNull());
    return out;
  }
}
