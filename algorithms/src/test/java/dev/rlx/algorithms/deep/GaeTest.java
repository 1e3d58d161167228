package dev.rlx.algorithms.deep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** GAE's recursion against the explicit sum Â_t = Σ_l (γλ)^l δ_{t+l} (references.md §6.6, exercise 1). */
class GaeTest {

  @Test
  void recursionEqualsTheExplicitSumAcrossEpisodeBoundariesAndTruncation() {
    int steps = 40;
    int n = 3;
    double gamma = 0.97;
    double lambda = 0.9;
    SplittableRandom rng = new SplittableRandom(5);
    float[] rewards = new float[steps * n];
    float[] values = new float[steps * n];
    float[] nextValues = new float[steps * n];
    boolean[] terminated = new boolean[steps * n];
    boolean[] truncated = new boolean[steps * n];
    for (int k = 0; k < steps * n; k++) {
      rewards[k] = (float) rng.nextDouble(-1, 1);
      values[k] = (float) rng.nextDouble(-2, 2);
      nextValues[k] = (float) rng.nextDouble(-2, 2); // V(s_{t+1}), or V(final obs) where truncated
      terminated[k] = rng.nextDouble() < 0.08;
      truncated[k] = !terminated[k] && rng.nextDouble() < 0.05;
    }
    float[] advantages = new float[steps * n];
    Gae.compute(steps, n, rewards, values, nextValues, terminated, truncated, gamma, lambda, advantages);
    int boundaries = 0;
    for (int i = 0; i < n; i++) {
      for (int t = 0; t < steps; t++) {
        // δ_u = r_u + γ V(s_{u+1}) (0 if terminal) − V(s_u); sum until the episode (or rollout) ends.
        double expected = 0;
        double weight = 1;
        for (int u = t; u < steps; u++) {
          int k = u * n + i;
          double delta = rewards[k] + gamma * (terminated[k] ? 0 : nextValues[k]) - values[k];
          expected += weight * delta;
          weight *= gamma * lambda;
          if (terminated[k] || truncated[k]) {
            boundaries++;
            break;
          }
        }
        assertThat((double) advantages[t * n + i]).as("copy %d, t %d", i, t).isCloseTo(expected, within(1e-5));
      }
    }
    assertThat(boundaries).isGreaterThan(20); // the data really crosses episode ends of both kinds
  }

  @Test
  void lambdaZeroIsTheOneStepTdErrorAndLambdaOneTheMonteCarloAdvantage() {
    float[] rewards = {1, 1, 1};
    float[] values = {0.5f, 0.25f, 0.1f};
    float[] next = {0.25f, 0.1f, 0f};
    boolean[] terminated = {false, false, true};
    boolean[] truncated = new boolean[3];
    float[] a = new float[3];
    Gae.compute(3, 1, rewards, values, next, terminated, truncated, 0.9, 0.0, a);
    assertThat(a[0]).isCloseTo(1 + 0.9f * 0.25f - 0.5f, within(1e-6f));
    Gae.compute(3, 1, rewards, values, next, terminated, truncated, 0.9, 1.0, a);
    assertThat(a[0]).isCloseTo(1 + 0.9f + 0.81f - 0.5f, within(1e-6f)); // G_0 − V(s_0)
  }
}
