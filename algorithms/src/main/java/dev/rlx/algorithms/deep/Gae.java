package dev.rlx.algorithms.deep;

/**
 * Generalised advantage estimation (rl-reference §6.6; Schulman et al. 2016), by the backward
 * recursion
 *
 * <pre>
 *   δ_t = r_t + γ · V(s_{t+1}) · (1 − terminated_t) − V(s_t)
 *   Â_t = δ_t + γλ · (1 − done_t) · Â_{t+1}
 * </pre>
 *
 * per environment copy, where V(s_{t+1}) is the value of the state the step reached — for a
 * truncated episode the observation it was cut off in, so a time limit still bootstraps — and
 * done = terminated or truncated stops the sum at the episode's end. Arrays are [t][copy] flattened
 * row-major (index t·n + i).
 */
public final class Gae {

  private Gae() {}

  /**
   * Fills {@code advantages}.
   *
   * @param nextValues V of the state each step reached (ignored where terminated)
   */
  public static void compute(int steps, int n, float[] rewards, float[] values, float[] nextValues,
      boolean[] terminated, boolean[] truncated, double gamma, double lambda, float[] advantages) {
    for (int i = 0; i < n; i++) {
      double next = 0;
      for (int t = steps - 1; t >= 0; t--) {
        int k = t * n + i;
        double bootstrap = terminated[k] ? 0 : nextValues[k];
        double delta = rewards[k] + gamma * bootstrap - values[k];
        boolean done = terminated[k] || truncated[k];
        next = delta + gamma * lambda * (done ? 0 : next);
        advantages[k] = (float) next;
      }
    }
  }
}
