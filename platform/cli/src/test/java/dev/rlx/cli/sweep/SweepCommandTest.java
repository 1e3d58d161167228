package dev.rlx.cli.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rlx.cli.CliRun;
import dev.rlx.cli.InProcessCliTest;
import dev.rlx.cli.console.StoreOption;
import dev.rlx.testkit.ScriptedSweep;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** `rlx sweep`, `status`, `runs`, `export` and `store` in-process, on a real H2 file store. */
class SweepCommandTest extends InProcessCliTest {

  @Test
  void runsEveryTrialThenRunsNothingTheSecondTime() {
    CliRun first = rlx("sweep", spec.toString(), "--jobs", "2");
    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.out()).contains("walk: 4 trials planned, 4 to run", "4 completed, 0 failed, 0 cancelled, 0 skipped");
    CliRun second = rlx("sweep", spec.toString());
    assertThat(second.exitCode()).isZero();
    assertThat(second.out()).contains("4 already completed", "nothing to run");
  }

  @Test
  void aStoreGivenAsADirectoryIsTheH2FileInIt() {
    Path storeDir = dir.resolve("my store");
    CliRun sweep = CliRun.of("sweep", spec.toString(), "--store", storeDir.toString());
    assertThat(sweep.exitCode()).as(sweep.err()).isZero();
    assertThat(storeDir.resolve("results.mv.db")).exists();
    assertThat(CliRun.of("runs", "walk", "--store", storeDir.toString()).out()).contains("4 of 4 trials");
    assertThat(StoreOption.toUrl("jdbc:h2:mem:x")).isEqualTo("jdbc:h2:mem:x");
  }

  @Test
  void runsListsTrialsWithFinalAndBestMetrics() throws Exception {
    rlx("sweep", spec.toString());
    CliRun table = rlx("runs", "walk", "--metric", "rms_error");
    assertThat(table.exitCode()).isZero();
    assertThat(table.out()).contains("algorithm.params.lambda", "rms_error final", "rms_error best", "COMPLETED", "4 of 4 trials");
    JsonNode json = new ObjectMapper().readTree(rlx("runs", "walk", "--format", "json", "--where", "algorithm.params.lambda=0.9").out());
    assertThat(json).hasSize(2);
    assertThat(json.get(0).at("/metrics/rms_error/final_step").asLong()).isEqualTo(10);
    assertThat(json.get(0).at("/config/algorithm/params/lambda").asDouble()).isEqualTo(0.9);
    // final = the value at the highest step, best = the largest value, as the exported rows say
    List<String[]> rows = rlx("export", "walk", "--format", "csv").out().lines().skip(1).map(l -> l.split(","))
        .filter(r -> r[4].equals("rms_error")).toList();
    for (JsonNode trial : json) {
      List<String[]> own = rows.stream().filter(r -> r[0].equals(trial.get("id").asText())).toList();
      String[] last = own.stream().max(java.util.Comparator.comparingLong(r -> Long.parseLong(r[5]))).orElseThrow();
      double largest = own.stream().mapToDouble(r -> Double.parseDouble(r[6])).max().orElseThrow();
      assertThat(trial.at("/metrics/rms_error/final").asDouble()).isEqualTo(Double.parseDouble(last[6]));
      assertThat(trial.at("/metrics/rms_error/best").asDouble()).isEqualTo(largest).isNotEqualTo(Double.parseDouble(last[6]));
    }
    assertThat(rlx("runs", "walk", "--where", "status=FAILED").out()).contains("0 of 4 trials");
    assertThat(rlx("runs", "nothing-here").exitCode()).isEqualTo(2);
  }

  @Test
  void exportsEveryMetricRow() throws Exception {
    rlx("sweep", spec.toString());
    CliRun csv = rlx("export", "walk", "--format", "csv");
    assertThat(csv.out().lines()).hasSize(1 + 4 * 20);
    assertThat(csv.out().lines().findFirst().orElseThrow()).isEqualTo("trial_id,variant,seed,status,key,step,value,wall_time");
    Path jsonl = dir.resolve("m.jsonl");
    CliRun toFile = rlx("export", "1", "--format", "jsonl", "--output", jsonl.toString());
    assertThat(toFile.err()).contains("wrote 80 metric rows");
    assertThat(Files.readAllLines(jsonl)).hasSize(80).allSatisfy(l -> assertThat(l).startsWith("{\"trial_id\":"));
  }

  @Test
  void statusAndStoreDescribeWhatIsStored() {
    rlx("sweep", spec.toString());
    assertThat(rlx("status").out()).contains("walk", "FINISHED", "4 completed");
    assertThat(rlx("status", "walk").out()).contains("walk: 4 trials: 4 completed");
    assertThat(rlx("store", "info").out()).contains("schema: V1", "trials:", "metrics:");
    assertThat(rlx("store", "migrate").out()).contains("up to date");
  }

  @Test
  void dryRunRunsNothing() {
    CliRun dry = rlx("sweep", spec.toString(), "--dry-run");
    assertThat(dry.exitCode()).isZero();
    assertThat(dry.out()).contains("would run #0", "thread");
    assertThat(rlx("status").out()).contains("no sweeps yet");
  }

  @Test
  void freshForgetsAndRunsEverything() {
    rlx("sweep", spec.toString());
    CliRun fresh = rlx("sweep", spec.toString(), "--fresh");
    assertThat(fresh.out()).contains("4 completed", "0 skipped");
    assertThat(rlx("export", "walk").out().lines()).hasSize(1 + 80);
  }

  @Test
  void aFailingTrialMakesTheSweepExitWithOne() throws Exception {
    Path failing = write("fail.yaml", ScriptedSweep.yaml("failing", "", """
        sweep:
          variants:
            good: {algorithm.params.mode: complete}
            bad: {algorithm.params.mode: throw}
        """));
    CliRun run = rlx("sweep", failing.toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).contains("FAILED", "bad", "IllegalStateException: scripted failure", "1 completed, 1 failed");
    assertThat(rlx("status", "failing").out()).contains("FAILED #1", "scripted failure");
    assertThat(rlx("sweep", failing.toString(), "--no-rerun-failed").out()).contains("nothing to run");
  }

  @Test
  void declaredButUnimplementedPluginsStopTheSweepBeforeItStarts() throws Exception {
    Path declared = write("declared.yaml", """
        name: declared
        environment: {id: null-env}
        algorithm: {id: declared-only}
        budget: {episodes: 1}
        """);
    CliRun run = rlx("sweep", declared.toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("algorithm 'declared-only'", "not implemented", "nothing was run");
  }

  @Test
  void anInvalidSpecRunsNothingAndExitsWithTwo() {
    CliRun run = rlx("sweep", "../core/src/test/resources/invalid/unknown-algorithm.yaml");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("unknown algorithm 'ppoo'", "nothing was run");
  }

  @Test
  void checksThePublishedClaimAfterTheSweepAndInReport() throws Exception {
    Path cliff = write("cliff.yaml", """
        name: cliff
        environment: {id: cliff-walking}
        algorithm: {id: sarsa, params: {alpha: 0.5, gamma: 1.0, epsilon: 0.1}}
        budget: {episodes: 300}
        sweep:
          variants:
            sarsa: {algorithm.id: sarsa}
            q-learning: {algorithm.id: q-learning}
          seeds: 3
        report:
          figures:
            - {kind: curve, x: episodes, y: charts/episodic_return, by: variant, smooth: 10}
        expect:
          - {metric: charts/episodic_return, summary: mean, by: variant, ordering: {higher: sarsa, lower: q-learning, margin: 5}}
          - {metric: charts/episodic_return, summary: mean, by: variant, ordering: {higher: sarsa, lower: q-learning, margin: 1000}}
        """);
    CliRun sweep = rlx("sweep", cliff.toString());
    assertThat(sweep.exitCode()).as(sweep.err()).isZero();
    assertThat(sweep.out()).contains("✓ expect[0]", "✗ expect[1]", "1 of 2 claims held", "variant = sarsa:");
    CliRun checked = rlx("report", cliff.toString(), "--check", "--output", dir.resolve("report").toString());
    assertThat(checked.exitCode()).isEqualTo(1);
    assertThat(checked.out()).contains("report: " + dir.resolve("report/index.html"));
    assertThat(Files.readString(dir.resolve("report/index.html"))).contains("1 of 2 claims held", "<h2>Provenance</h2>");
    assertThat(Files.readAllLines(dir.resolve("report/aggregates.csv")))
        .first().isEqualTo("check,metric,summary,by,group,n,mean,std,ci95");
    assertThat(Files.readAllLines(dir.resolve("report/aggregates.csv"))).hasSize(5);
    assertThat(dir.resolve("report/figure-1.png")).isRegularFile();
    assertThat(dir.resolve("report/figure-1.svg")).isRegularFile();
    assertThat(rlx("sweep", cliff.toString(), "--check").exitCode()).as("nothing to run, but the claim still fails").isEqualTo(1);
  }

  @org.junit.jupiter.api.Test
  void readingCommandsOnAStoreThatIsNotThereSaySoAndCreateNothing() {
    Path missing = dir.resolve("no-store-here");
    for (String[] command : List.of(new String[] {"status"}, new String[] {"runs", "walk"}, new String[] {"export", "walk"},
        new String[] {"store", "info"})) {
      List<String> args = new java.util.ArrayList<>(List.of(command));
      args.addAll(List.of("--store", missing.toString()));
      CliRun run = CliRun.of(args.toArray(String[]::new));
      assertThat(run.exitCode()).as(String.join(" ", command)).isEqualTo(2);
      assertThat(run.err()).as(String.join(" ", command)).contains("no results store at " + missing.toAbsolutePath());
    }
    assertThat(missing).doesNotExist();
  }
}
