package dev.rlx.cli.gymnasium;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rlx.cli.CliRun;
import dev.rlx.cli.InProcessCliTest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * `rlx sweep` on Gymnasium environments, as a user runs it after the README's set-up: PPO learns
 * gymnasium:CartPole-v1 and runs on MuJoCo's gymnasium:HalfCheetah-v5 in worker JVMs; an
 * algorithm whose action space does not match is refused with both spaces named.
 */
class GymnasiumSweepTest extends InProcessCliTest {

  private static final String BASE = """
      version: 1
      name: %s
      environment: {id: "gymnasium:%s"%s}
      algorithm: {id: %s%s}
      budget: {env_steps: %d}
      evaluation: {every_steps: %d, episodes: 3}
      sweep: {seeds: 1}
      resources: {cpus: 1, isolation: process}
      """;

  @Test
  @Tag("gymnasium")
  @Tag("slow")
  void ppoLearnsCartPoleAndRunsHalfCheetahThroughTheBridge() throws Exception {
    requireGymnasium();
    Path cartPole = write("cartpole.yaml", BASE.formatted("gym-cartpole", "CartPole-v1", "", "ppo", "", 20_000, 10_000));
    CliRun sweep = rlx("sweep", cartPole.toString());
    assertThat(sweep.exitCode()).as(sweep.out() + sweep.err()).isZero();
    assertThat(sweep.out()).contains("1 completed, 0 failed");
    JsonNode trial = new ObjectMapper().readTree(rlx("runs", "gym-cartpole", "--format", "json").out()).get(0);
    assertThat(trial.at("/metrics/eval~1return/final").asDouble()).as("a random policy keeps the pole up ~20 steps")
        .isGreaterThan(150);

    Path cheetah = write("cheetah.yaml", BASE.formatted("gym-cheetah", "HalfCheetah-v5", ", params: {workers: 2}", "ppo",
        ", params: {num_envs: 2, num_steps: 256}", 4096, 2048));
    CliRun mujoco = rlx("sweep", cheetah.toString());
    assertThat(mujoco.exitCode()).as(mujoco.out() + mujoco.err()).isZero();
    JsonNode run = new ObjectMapper().readTree(rlx("runs", "gym-cheetah", "--format", "json").out()).get(0);
    assertThat(run.at("/metrics/eval~1return/final_step").asLong()).isEqualTo(4096);
    assertThat(run.at("/config/environment/params/workers").asInt()).isEqualTo(2);
  }

  @Test
  @Tag("gymnasium")
  void anAlgorithmIsRefusedAnActionSpaceItCannotActInWithBothNamed() throws Exception {
    requireGymnasium();
    Path spec = write("dqn.yaml", BASE.formatted("gym-dqn", "Pendulum-v1", ", params: {g: 9.81}", "dqn", "", 1000, 1000));
    CliRun sweep = rlx("sweep", spec.toString());
    assertThat(sweep.exitCode()).isEqualTo(1);
    assertThat(rlx("status", "gym-dqn").out())
        .contains("algorithm 'dqn' needs Discrete actions", "environment 'gymnasium:Pendulum-v1' has Box(-2.0, 2.0, (1,), float32)");
  }

  @Test
  void gymMakesKeywordArgumentsAreParametersToSweepAndMustBeIdentifiers() throws Exception {
    String text = """
        version: 1
        name: gym-kwargs
        environment: {id: "gymnasium:HalfCheetah-v5", params: {ctrl_cost_weight: 0.1}}
        algorithm: {id: ppo}
        budget: {env_steps: 1000}
        sweep:
          grid: {environment.params.forward_reward_weight: [0.5, 1.0]}
          seeds: 1
        """;
    CliRun plan = CliRun.of("plan", "--format", "json", write("kwargs.yaml", text).toString());
    assertThat(plan.exitCode()).as(plan.err()).isZero();
    JsonNode trials = new ObjectMapper().readTree(plan.out()).get("trials");
    assertThat(trials).hasSize(2);
    assertThat(trials.get(1).at("/config/environment/params/forward_reward_weight").asDouble()).isEqualTo(1.0);
    assertThat(trials.get(1).at("/config/environment/params/ctrl_cost_weight").asDouble()).isEqualTo(0.1);
    assertThat(trials.get(0).get("id").asText()).isNotEqualTo(trials.get(1).get("id").asText());

    CliRun bad = CliRun.of("validate", write("bad.yaml", text.replace("ctrl_cost_weight", "ctrl-cost")).toString());
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.out() + bad.err()).contains("bad.yaml:3:", "'ctrl-cost' is not a parameter of environment 'gymnasium:HalfCheetah-v5'",
        "or an identifier: a keyword argument of gym.make");
    CliRun bare = CliRun.of("validate", write("bare.yaml", text.replace("gymnasium:HalfCheetah-v5", "gymnasium")).toString());
    assertThat(bare.exitCode()).isEqualTo(2);
    assertThat(bare.out() + bare.err()).contains("unknown environment 'gymnasium'", "write gymnasium:<id>");
  }

  /** $RLX_PYTHON with gymnasium and mujoco, else skipped — or failed where RLX_REQUIRE_GYMNASIUM=1 (CI). */
  private static void requireGymnasium() throws IOException, InterruptedException {
    String python = System.getenv().getOrDefault("RLX_PYTHON", "python3");
    Process p = new ProcessBuilder(python, "-c", "import gymnasium, mujoco").redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    boolean ok = p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0;
    if (!ok && "1".equals(System.getenv("RLX_REQUIRE_GYMNASIUM"))) {
      fail(python + " cannot import gymnasium and mujoco: run scripts/gymnasium/setup-venv.sh and set RLX_PYTHON");
    }
    assumeTrue(ok, python + " cannot import gymnasium and mujoco (scripts/gymnasium/setup-venv.sh)");
  }
}
