package dev.rlx.algorithms.ppo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rlx.algorithms.RecordingContext;
import dev.rlx.api.ParameterSpace;
import dev.rlx.api.TrialContext.Budget;
import dev.rlx.environments.classic.Pendulum;
import dev.rlx.environments.classic.PendulumParams;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * PPO's diagonal-Gaussian path through the real entry point on Pendulum-v1, which never
 * terminates and is truncated after 200 steps: it learns within a small budget, and a seed
 * fixes every number it logs.
 */
class PpoContinuousTest {

  /**
   * The Pendulum recipe of experiments/ppo-implementation-matters.yaml (rl-zoo's PPO Pendulum-v1
   * settings without gSDE, CleanRL's observation normalisation and reward scaling).
   */
  private static RecordingContext train(long seed, long envSteps) {
    PpoParams params = ParameterSpace.of(PpoParams.class).bind(PpoParams.class, Map.of(
        "num_envs", 4L, "num_steps", 512L, "gamma", 0.9, "update_epochs", 10L, "num_minibatches", 16L,
        "lr", 1.0e-3, "ent_coef", 0.0, "normalize_obs", true, "scale_rewards", true));
    RecordingContext context = new RecordingContext(seed, new Budget(envSteps, 0));
    new Ppo(params, new Pendulum(new PendulumParams(10.0, 200)), context).train();
    return context;
  }

  private static double mean(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
  }

  @Test
  void learnsToSwingUpThePendulumWithinThirtyThousandSteps() {
    RecordingContext context = train(1, 30_720); // 15 updates of 4 × 512 steps; ~5 s of one core
    List<Double> episodes = context.values("charts/episodic_return");
    assertThat(episodes).hasSize(30_720 / 200 / 4 * 4); // every copy truncated at 200 steps, none terminated
    double first = mean(episodes.subList(0, 8)); // the initial policy, σ = 1: ≈ −1,200
    double last = mean(episodes.subList(episodes.size() - 8, episodes.size()));
    double evaluation = context.values("eval/return").get(0); // the mean action, 10 fresh episodes
    assertThat(first).isLessThan(-900);
    assertThat(last).as("training episodes, last 8 vs first 8 (%.0f)", first).isGreaterThan(first + 300);
    assertThat(evaluation).as("greedy evaluation return; random ≈ −1,200, solved ≈ −150").isGreaterThan(-600);
  }

  @Test
  void theSameSeedGivesTheSameNumbers() {
    RecordingContext first = train(7, 4_096);
    RecordingContext again = train(7, 4_096);
    RecordingContext other = train(8, 4_096);
    for (String key : List.of("charts/episodic_return", "losses/policy_loss", "losses/value_loss", "losses/entropy",
        "losses/approx_kl", "eval/return")) {
      assertThat(again.values(key)).as(key).isNotEmpty().isEqualTo(first.values(key));
    }
    assertThat(other.values("charts/episodic_return")).isNotEqualTo(first.values("charts/episodic_return"));
  }

  /**
   * Regression: DJL's {@code x.mul(0.5f)} left autograd reading a constant from memory the
   * garbage collector could free (see deep/Scalars); with a collection every 2 ms, every
   * same-seed pair of runs differed from the first update on. Now they agree bit for bit.
   */
  @Test
  void theSameSeedGivesTheSameNumbersWhileTheGarbageCollectorRuns() throws InterruptedException {
    RecordingContext quiet = train(7, 4_096);
    Thread collector = new Thread(() -> {
      while (!Thread.currentThread().isInterrupted()) {
        System.gc();
        try {
          Thread.sleep(2);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "gc-pressure");
    collector.setDaemon(true);
    collector.start();
    try {
      RecordingContext busy = train(7, 4_096);
      for (String key : List.of("losses/value_loss", "losses/policy_loss", "charts/episodic_return", "eval/return")) {
        assertThat(busy.values(key)).as(key).isEqualTo(quiet.values(key));
      }
    } finally {
      collector.interrupt();
      collector.join();
    }
  }
}
