package dev.rlx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rlx.testkit.mlflow.MlflowRun;
import dev.rlx.testkit.mlflow.MlflowTestServer;
import dev.rlx.testkit.mlflow.RealMlflowServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end as a user configures MLflow: {@code scripts/rlx} as a separate process with the
 * standard MLFLOW_TRACKING_* variables, against an MLflow server that requires them.
 */
@Tag("slow")
class MlflowIT {

  private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();

  @TempDir
  Path dir;

  /** `scripts/rlx sweep SPEC` as a process of its own, with {@code env} added; its output, once it has exited 0. */
  private String sweep(Path spec, Map<String, String> env, String... options) throws Exception {
    Path out = dir.resolve("out.txt");
    List<String> command = new java.util.ArrayList<>(List.of(ROOT.resolve("scripts/rlx").toString(), "sweep", spec.toString(),
        "--store", "jdbc:h2:file:" + dir.resolve("results")));
    command.addAll(List.of(options));
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(out.toFile());
    builder.environment().put("RLX_NO_BUILD", "1");
    builder.environment().putAll(env);
    Process process = builder.start();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("rlx finished").isTrue();
    String output = Files.readString(out, StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(output).isZero();
    return output;
  }

  /** walk.yaml: TD(λ) on a 5-state random walk for 10 episodes, then {@code rest} (sweep, tracking, expect). */
  private Path walk(String rest) throws Exception {
    Path spec = dir.resolve("walk.yaml");
    Files.writeString(spec, """
        name: walk
        environment: {id: random-walk, params: {n_states: 5, left_reward: 0.0, right_reward: 1.0}}
        algorithm: {id: td-lambda, params: {alpha: 0.1}}
        budget: {episodes: 10}
        """ + rest);
    return spec;
  }

  @Test
  void mirrorsWithTheStandardEnvironmentVariablesAndNeverPrintsTheSecret() throws Exception {
    Path spec = walk("""
        sweep: {seeds: 3}
        tracking: {mlflow: {experiment: walk-e2e}}
        """);
    try (MlflowTestServer server = MlflowTestServer.start()) {
      server.requireAuthorization("Basic " + Base64.getEncoder().encodeToString("alice:s3cret".getBytes(StandardCharsets.UTF_8)));
      String output = sweep(spec, Map.of("MLFLOW_TRACKING_URI", server.uri(), "MLFLOW_TRACKING_USERNAME", "alice",
          "MLFLOW_TRACKING_PASSWORD", "s3cret"));
      assertThat(output).contains("mlflow: sweep 1 of walk is in MLflow: " + server.uri() + "/#/experiments/1/runs/")
          .doesNotContain("s3cret");
      assertThat(server.experiments()).containsValue("walk-e2e");
      assertThat(server.runs()).as("the parent, a group run, 3 trial runs").hasSize(5).allSatisfy(r -> assertThat(r.status).isEqualTo("FINISHED"));
      assertThat(server.artifacts().keySet()).anyMatch(k -> k.endsWith("/artifacts/report/index.html"));
    }
  }

  /**
   * The same against a real MLflow 2.17.0 server (.ci/run starts one): the sweep's parent run
   * carries the claims' verdicts as the report printed them, a group run per λ, and the report.
   */
  @Test
  @Tag("mlflow")
  void aSweepInARealMlflowServerCarriesItsVerdictsGroupsAndReport() throws Exception {
    java.util.Optional<RealMlflowServer> real = RealMlflowServer.fromEnvironment();
    if (real.isEmpty() && "1".equals(System.getenv("RLX_REQUIRE_MLFLOW"))) {
      org.assertj.core.api.Assertions.fail(RealMlflowServer.whyNone());
    }
    org.junit.jupiter.api.Assumptions.assumeTrue(real.isPresent(), RealMlflowServer::whyNone);
    String experiment = "walk-cli-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    Path spec = walk("""
        sweep: {grid: {algorithm.params.lambda: [0.0, 0.8]}, seeds: 3}
        expect:
          - {metric: rms_error, summary: mean, by: algorithm.params.lambda, argmin_in: [0.8]}
        tracking: {mlflow: {experiment: %s}}
        """.formatted(experiment));
    String output = sweep(spec, Map.of(), "--mlflow-uri", real.get().uri());
    assertThat(output).contains("mlflow: sweep 1 of walk is in MLflow: " + real.get().uri());
    List<MlflowRun> runs = real.get().runs(real.get().experimentId(experiment).orElseThrow());
    assertThat(runs).hasSize(1 + 2 + 6).allSatisfy(r -> assertThat(r.status).isEqualTo("FINISHED"));
    MlflowRun parent = runs.stream().filter(r -> !r.tags.containsKey("mlflow.parentRunId")).findFirst().orElseThrow();
    boolean held = output.contains("1 of 1 claims held");
    assertThat(parent.tags).containsEntry("rlx.claims", (held ? 1 : 0) + " of 1 held");
    assertThat(parent.tags.get("rlx.claim.0")).startsWith(held ? "held: " : "failed: ");
    assertThat(real.get().artifacts(parent.runId, "report")).contains("report/index.html", "report/verdicts.json");
    assertThat(runs).filteredOn(r -> "group".equals(r.tags.get("rlx.run"))).hasSize(2)
        .allSatisfy(g -> assertThat(g.metrics.get("rms_error/mean")).hasSize(10));
  }
}
