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
import dev.rlx.testkit.mlflow.MlflowRun;
import dev.rlx.testkit.mlflow.RealMlflowServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
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

  private static Map<Long, Double> byStepOf(MlflowRun run, String key) {
    Map<Long, Double> out = new HashMap<>();
    run.metrics.getOrDefault(key, List.of()).forEach(p -> assertThat(out.put(p.step(), p.value())).as("one point a step").isNull());
    return out;
  }
}
