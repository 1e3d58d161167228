package dev.rlx.algorithms.deep;

/**
 * Generalised advantage estimation (references.md §6.6; Schulman et al. 2016), by the backward
 * recursion
 *
 * <pre>
 *   δ_t = r_t + γ · V(s_{t+1}) − V(s_t)
 *   Â_t = δ_t + γλ · Â_{t+1}
 * </pre>
 *
 * written once ({@link #advantage}) and walked over two layouts: a rollout of vectorised copies
 * with episode flags ({@link #compute}, PPO and A2C) and masked token sequences
 * ({@link #overMask}, token-level PPO). The recursion runs in double and each Â is stored as a
 * float.
 */
public final class Gae {

  private Gae() {}

  /** One step of the recursion: δ_t + γλ Â_{t+1}, with δ_t = r_t + γ V(s_{t+1}) − V(s_t). */
  public static double advantage(double reward, double value, double nextValue, double nextAdvantage, double gamma,
      double lambda) {
    double delta = reward + gamma * nextValue - value;
    return delta + gamma * lambda * nextAdvantage;
  }

  /**
   * Fills {@code advantages} for a rollout of {@code steps} steps on {@code n} copies, arrays
   * [t][copy] flattened row-major (index t·n + i). V(s_{t+1}) is the value of the state the step
   * reached — for a truncated episode the observation it was cut off in, so a time limit still
   * bootstraps — and is not used where the episode terminated; done = terminated or truncated
   * stops the sum at the episode's end.
   *
   * @param nextValues V of the state each step reached (ignored where terminated)
   */
  public static void compute(int steps, int n, float[] rewards, float[] values, float[] nextValues,
      boolean[] terminated, boolean[] truncated, double gamma, double lambda, float[] advantages) {
    for (int i = 0; i < n; i++) {
      double next = 0;
      for (int t = steps - 1; t >= 0; t--) {
        int k = t * n + i;
        boolean done = terminated[k] || truncated[k];
        next = advantage(rewards[k], values[k], terminated[k] ? 0 : nextValues[k], done ? 0 : next, gamma, lambda);
        advantages[k] = (float) next;
      }
    }
  }

  /**
   * Fills {@code advantages} and {@code returns} R̂_t = Â_t + V_t for {@code rows} sequences of
   * {@code length} positions, [row][position] row-major, over the positions where {@code mask}
   * is not 0, in order: "next" is the row's next unmasked position, and V_next = Â_next = 0 after
   * its last one (the episode ends with the sequence). Masked positions are skipped, also between
   * unmasked ones, and are left as they are.
   */
  public static void overMask(int rows, int length, float[] rewards, float[] values, float[] mask, double gamma,
      double lambda, float[] advantages, float[] returns) {
    for (int i = 0; i < rows; i++) {
      double nextValue = 0;
      double nextAdvantage = 0;
      for (int s = length - 1; s >= 0; s--) {
        int k = i * length + s;
        if (mask[k] == 0) {
          continue;
        }
        double a = advantage(rewards[k], values[k], nextValue, nextAdvantage, gamma, lambda);
        advantages[k] = (float) a;
        returns[k] = (float) (a + values[k]);
        nextValue = values[k];
        nextAdvantage = a;
      }
    }
  }
}
