package dev.rlx.algorithms.tabular;

/**
 * The last n + 1 states, actions and rewards of an episode in ring buffers (S_t, A_t and R_t at
 * t mod (n + 1)), and the reward part of the n-step return over them (Sutton &amp; Barto §7.1–7.2):
 *
 * <pre>  Σ_{i=τ+1}^{end} γ^{i−τ−1} R_i,   end = min(τ + n, T)</pre>
 *
 * after which the caller adds γ^{end−τ} times its bootstrap value ({@link #discount()}).
 */
final class NStepWindow {

  private final int size;
  private final int[] states;
  private final int[] actions;
  private final double[] rewards;
  private double discount;

  NStepWindow(int n) {
    this.size = n + 1;
    this.states = new int[size];
    this.actions = new int[size];
    this.rewards = new double[size];
  }

  private int slot(long t) {
    return (int) (t % size);
  }

  int state(long t) {
    return states[slot(t)];
  }

  int action(long t) {
    return actions[slot(t)];
  }

  void setState(long t, int state) {
    states[slot(t)] = state;
  }

  void setAction(long t, int action) {
    actions[slot(t)] = action;
  }

  void setReward(long t, double reward) {
    rewards[slot(t)] = reward;
  }

  /**
   * Σ_{i=τ+1}^{end} γ^{i−τ−1} R_i, leaving γ^{end−τ} in {@link #discount()}. The ring index wraps
   * by hand, as a long % per reward dominated large n.
   */
  double rewardSum(long tau, long end, double gamma) {
    double g = 0;
    discount = 1;
    int ring = slot(tau + 1);
    for (long i = tau + 1; i <= end; i++) {
      g += discount * rewards[ring];
      discount *= gamma;
      if (++ring == size) {
        ring = 0;
      }
    }
    return g;
  }

  /** γ^{end−τ} of the last {@link #rewardSum}: the weight of its bootstrap value. */
  double discount() {
    return discount;
  }
}
