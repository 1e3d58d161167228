package dev.rlx.algorithms.deep;

import dev.rlx.api.VectorEnvironment;

/**
 * n-step transitions for a replay buffer (Sutton &amp; Barto §7.1; Hessel et al. 2018, Rainbow
 * §2 "Multi-step learning"; references.md §2.3 "n-step returns"). Per copy of a vector
 * environment it keeps the last n (s, a, r) and, once n rewards are in, emits
 *
 * <pre>  (s_t, a_t, G = Σ_{k&lt;n} γ^k r_{t+k}, s_{t+n}, terminated = false, discount γ^n)</pre>
 *
 * so that the target is G + γ^n · bootstrap(s_{t+n}). When a copy's episode ends after m ≤ n
 * further rewards, every pending transition is emitted with the rewards up to the end:
 * on termination with terminated = true (no bootstrap); on truncation with terminated = false,
 * s' the observation the episode was cut off in ({@code finalObservations}) and discount γ^m,
 * so it still bootstraps from there. With n = 1 this is the plain one-step transition.
 * The ε-greedy actions inside the n steps are not corrected for (as in Rainbow).
 */
public final class NStepReturns {

  /** Where complete transitions go; {@link ReplayBuffer#add} and {@link PrioritizedReplayBuffer#add} fit. */
  @FunctionalInterface
  public interface Sink {
    void add(float[] observation, float[] nextObservation, int row, int action, float ret, boolean isTerminal,
        float discount);
  }

  private final int copies;
  private final int d;
  private final int n;
  private final double gamma;
  private final float[] observations; // [copies · n][d], a ring of n rows per copy
  private final int[] actions;
  private final float[] rewards;
  private final int[] first;
  private final int[] count;
  private final float[] s;
  private final float[] sNext;

  public NStepReturns(int copies, int observationSize, int n, double gamma) {
    if (n < 1) {
      throw new IllegalArgumentException("n_step must be at least 1 (1 is one-step Q-learning), got " + n);
    }
    this.copies = copies;
    this.d = observationSize;
    this.n = n;
    this.gamma = gamma;
    observations = new float[copies * n * d];
    actions = new int[copies * n];
    rewards = new float[copies * n];
    first = new int[copies];
    count = new int[copies];
    s = new float[d];
    sNext = new float[d];
  }

  /**
   * Records one step of every copy: {@code before} holds the observations the actions were
   * taken in (row i for copy i), {@code batch} what the step returned. Sends every transition
   * that became complete to {@code sink}, oldest first within a copy.
   */
  public void add(float[] before, int[] action, VectorEnvironment.Batch batch, Sink sink) {
    for (int i = 0; i < copies; i++) {
      int slot = i * n + (first[i] + count[i]) % n;
      System.arraycopy(before, i * d, observations, slot * d, d);
      actions[slot] = action[i];
      rewards[slot] = batch.rewards()[i];
      count[i]++;
      if (batch.done(i)) {
        // The episode is over: flush every pending transition with the rewards up to its end.
        while (count[i] > 0) {
          emit(i, batch.finalObservations(), batch.terminated()[i], sink);
        }
      } else if (count[i] == n) {
        emit(i, batch.observations(), false, sink);
      }
    }
  }

  /** Transitions of copy {@code i} waiting for more rewards. */
  public int pending(int i) {
    return count[i];
  }

  /** Emits copy i's oldest pending transition with s' = row i of {@code next} and drops it. */
  private void emit(int i, float[] next, boolean terminated, Sink sink) {
    int m = count[i];
    double g = 0;
    for (int k = m - 1; k >= 0; k--) {
      g = rewards[i * n + (first[i] + k) % n] + gamma * g;
    }
    int slot = i * n + first[i];
    System.arraycopy(observations, slot * d, s, 0, d);
    System.arraycopy(next, i * d, sNext, 0, d);
    sink.add(s, sNext, 0, actions[slot], (float) g, terminated, (float) Math.pow(gamma, m));
    first[i] = (first[i] + 1) % n;
    count[i]--;
  }
}
