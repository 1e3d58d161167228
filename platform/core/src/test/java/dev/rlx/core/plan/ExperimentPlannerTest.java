package dev.rlx.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rlx.sweeps.TrialSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ExperimentPlannerTest {

  private static final Path EXPERIMENTS = Path.of("../../experiments");
  private final ExperimentPlanner planner = TestPlanners.shipped();

  /** The head of a random search over PPO's parameters on CartPole; the sampled params follow. */
  private static final String RANDOM_PPO = String.join("\n",
      "name: demo",
      "environment: {id: CartPole-v1}",
      "algorithm: {id: ppo}",
      "budget: {env_steps: 1000}",
      "sweep:",
      "  random:");

  static Stream<Path> shippedExperiments() throws IOException {
    return Files.list(EXPERIMENTS).filter(p -> p.toString().endsWith(".yaml")).sorted();
  }

  private ExperimentPlan plan(String yaml) {
    PlanResult result = planner.plan(yaml, "spec.yaml", ExperimentPlanner.DEFAULT_MAX_TRIALS);
    assertThat(result.problems()).extracting(p -> p.render()).isEmpty();
    return result.plan().orElseThrow();
  }

  @ParameterizedTest
  @MethodSource("shippedExperiments")
  void everyShippedExperimentIsValid(Path spec) {
    PlanResult result = planner.plan(spec, spec.toString(), ExperimentPlanner.DEFAULT_MAX_TRIALS);
    assertThat(result.problems()).extracting(p -> p.render()).isEmpty();
    assertThat(result.plan().orElseThrow().trials()).isNotEmpty();
  }

  @Test
  void theReadmesSlurmExampleIsTheShippedFile() throws IOException {
    String readme = Files.readString(EXPERIMENTS.resolve("../README.md"));
    String example = Files.readString(EXPERIMENTS.resolve("td-lambda-on-slurm.yaml"));
    assertThat(readme).contains("```yaml\n" + example + "```");
  }

  @Test
  void atLeastFourExperimentsShip() throws IOException {
    assertThat(shippedExperiments()).hasSizeGreaterThanOrEqualTo(4);
  }

  @Nested
  class GaeLambda {
    private final Path spec = EXPERIMENTS.resolve("gae-lambda.yaml");

    @Test
    void plansSixLambdasTimesFiveSeeds() {
      ExperimentPlan plan = planner.plan(spec, "gae-lambda.yaml", ExperimentPlanner.DEFAULT_MAX_TRIALS).plan().orElseThrow();
      assertThat(plan.name()).isEqualTo("gae-lambda");
      assertThat(plan.trials()).hasSize(30);
      assertThat(plan.sweptPaths()).containsExactly("algorithm.params.gae_lambda");
      assertThat(plan.trials().stream().map(t -> t.config().at("/algorithm/params/gae_lambda").asDouble()).distinct())
          .containsExactly(0.0, 0.9, 0.95, 0.97, 0.99, 1.0);
      assertThat(plan.trials().stream().map(TrialSpec::id).distinct()).hasSize(30);
    }

    @Test
    void givesIdenticalIdsOnEveryRun() {
      List<String> first = planner.plan(spec, "a", 10_000).plan().orElseThrow().trials().stream().map(TrialSpec::id).toList();
      List<String> second = TestPlanners.shipped().plan(spec, "b", 10_000).plan().orElseThrow().trials().stream().map(TrialSpec::id).toList();
      assertThat(second).isEqualTo(first);
    }
  }

  @Nested
  class ResolvedConfigs {
    private static final String SPEC = String.join("\n",
        "name: demo",
        "environment: {id: CartPole-v1}",
        "algorithm: {id: ppo, params: {gae_lambda: 1}}",
        "budget: {env_steps: 1000}",
        "");

    @Test
    void holdEveryParameterWithItsDefault() {
      JsonNode params = plan(SPEC).trials().get(0).config().at("/algorithm/params");
      assertThat(params.get("clip_eps").asDouble()).isEqualTo(0.2);
      assertThat(params.get("num_envs").asLong()).isEqualTo(4);
      assertThat(params.get("gae_lambda").isDouble()).isTrue();
      assertThat(plan(SPEC).trials().get(0).config().at("/environment/params/max_episode_steps").asLong()).isEqualTo(500);
    }

    @Test
    void makeADefaultWrittenOutTheSameTrialAsOneLeftOut() {
      String explicit = SPEC.replace("{gae_lambda: 1}", "{gae_lambda: 1.0, clip_eps: 0.2}");
      assertThat(plan(explicit).trials().get(0).id()).isEqualTo(plan(SPEC).trials().get(0).id());
    }

    @Test
    void dependOnlyOnWhatRunsNotOnNamesOrReports() {
      String renamed = SPEC.replace("name: demo", "name: other\ndescription: x\nreport: {figures: []}");
      assertThat(plan(renamed).trials().get(0).id()).isEqualTo(plan(SPEC).trials().get(0).id());
    }
  }

  @Nested
  class Sweeps {
    @Test
    void variantsMaySwitchAlgorithmsWithTheirOwnDefaults() {
      ExperimentPlan plan = plan(String.join("\n",
      "name: demo",
      "environment: {id: CartPole-v1}",
          "algorithm: {id: dqn, params: {lr: 0.001}}",
      "budget: {env_steps: 1000}",
      "sweep:",
          "  variants:",
          "    dqn: {algorithm.id: dqn}",
          "    double: {algorithm.id: double-dqn, algorithm.params.tau: 0.005}",
          "  seeds: [1, 2]",
          ""));
      assertThat(plan.trials()).extracting(TrialSpec::variant).containsExactly("dqn", "dqn", "double", "double");
      assertThat(plan.trials().get(0).config().at("/algorithm/params/tau").asDouble()).isEqualTo(1.0);
      assertThat(plan.trials().get(2).config().at("/algorithm/params/tau").asDouble()).isEqualTo(0.005);
      assertThat(plan.trials().get(2).config().at("/algorithm/id").asText()).isEqualTo("double-dqn");
    }

    @Test
    void randomSearchIsReproducibleAndChecked() {
      String spec = String.join("\n", RANDOM_PPO,
          "    samples: 20",
          "    seed: 5",
          "    params:",
          "      algorithm.params.lr: {log_uniform: [1.0e-5, 1.0e-2]}",
          "      algorithm.params.num_minibatches: {int_uniform: [1, 8]}",
          "      algorithm.params.norm_adv: {choice: [true, false]}",
          "  seeds: 2",
          "");
      List<String> first = plan(spec).trials().stream().map(TrialSpec::id).toList();
      assertThat(first).hasSize(40).doesNotHaveDuplicates();
      assertThat(plan(spec).trials().stream().map(TrialSpec::id).toList()).isEqualTo(first);
      assertThat(plan(spec.replace("seed: 5", "seed: 6")).trials().stream().map(TrialSpec::id).toList()).isNotEqualTo(first);
    }

    @Test
    void aRandomRangeBeyondTheParameterRangeIsReported() {
      PlanResult result = planner.plan(String.join("\n", RANDOM_PPO,
          "    samples: 50",
          "    params:",
          "      algorithm.params.gae_lambda: {uniform: [0.5, 1.5]}",
          ""), "spec.yaml", 10_000);
      assertThat(result.problems()).singleElement().satisfies(p -> {
        assertThat(p.position().toString()).isEqualTo("9:7");
        assertThat(p.message()).isEqualTo("the random range reaches values 'gae_lambda' does not accept");
        assertThat(p.expected()).isEqualTo("values in [0, 1]");
        assertThat(p.found()).isEqualTo("[0.5, 1.5]");
      });
    }

    @Test
    void anAlgorithmThatCannotActInTheEnvironmentIsRefusedAtTheValueThatPairedThem() {
      PlanResult result = planner.plan(String.join("\n",
          "name: demo",
          "environment: {id: Pendulum-v1}",
          "algorithm: {id: ppo}",
          "budget: {env_steps: 1000}",
          "sweep:",
          "  grid: {algorithm.id: [ppo, dqn]}",
          "  seeds: 3",
          ""), "spec.yaml", 10_000);
      assertThat(result.problems()).as("once, not once per seed").singleElement().satisfies(p -> {
        assertThat(p.position().toString()).isEqualTo("6:30");
        assertThat(p.message()).isEqualTo("algorithm 'dqn' cannot act in environment 'Pendulum-v1'");
        assertThat(p.expected()).isEqualTo("an environment that is a VectorEnvironment");
        assertThat(p.found()).isEqualTo("'Pendulum-v1', a ContinuousActionVectorEnvironment");
      });
      assertThat(planner.plan(String.join("\n", "name: demo", "environment: {id: \"gymnasium:Pendulum-v1\"}",
          "algorithm: {id: dqn}", "budget: {env_steps: 1000}", ""), "spec.yaml", 10).problems())
          .as("a Gymnasium environment's spaces are checked when its trial starts").isEmpty();
    }

    @Test
    void runSettingsAreLeftOutOfTheTrialId() {
      String base = String.join("\n", "name: demo", "environment: {id: \"gymnasium:HalfCheetah-v5\", params: {%s}}",
          "algorithm: {id: ppo}", "budget: {env_steps: 1000}", "");
      String plain = plan(base.formatted("")).trials().get(0).id();
      ExperimentPlan tuned = plan(base.formatted("workers: 2, answer_timeout: 5, python: /opt/py/bin/python"));
      assertThat(tuned.trials().get(0).id()).as("how it runs: the same trial").isEqualTo(plain);
      assertThat(tuned.trials().get(0).config().at("/environment/params/workers").asInt()).as("still run with them").isEqualTo(2);
      assertThat(plan(base.formatted("clip_actions: false")).trials().get(0).id()).as("what it computes").isNotEqualTo(plain);
      assertThat(plan(base.formatted("ctrl_cost_weight: 0.2")).trials().get(0).id()).isNotEqualTo(plain);
    }

    @Test
    void budgetsCanBeSwept() {
      ExperimentPlan plan = plan(String.join("\n",
      "name: demo",
          "environment: {id: random-walk}",
          "algorithm: {id: td-lambda}",
          "budget: {episodes: 10}",
      "sweep:",
          "  grid: {budget.episodes: [10, 100]}",
          ""));
      assertThat(plan.trials()).extracting(t -> t.config().at("/budget/episodes").asLong()).containsExactly(10L, 100L);
    }

    @Test
    void noSweepMeansOneTrialWithSeedZero() {
      ExperimentPlan plan = plan("name: demo\nenvironment: {id: cliff-walking}\nalgorithm: {id: sarsa}\nbudget: {episodes: 5}\n");
      assertThat(plan.trials()).singleElement().satisfies(t -> assertThat(t.seed()).isZero());
    }

    @Test
    void extensionKeysHoldAnchorsForReuse() {
      ExperimentPlan plan = plan(String.join("\n",
      "name: demo",
          "x-tabular: &tabular {alpha: 0.5, gamma: 1.0, epsilon: 0.1}",
          "environment: {id: cliff-walking}",
          "algorithm: {id: sarsa, params: *tabular}",
          "budget: {episodes: 5}",
          ""));
      assertThat(plan.trials().get(0).config().at("/algorithm/params/alpha").asDouble()).isEqualTo(0.5);
    }
  }
}
