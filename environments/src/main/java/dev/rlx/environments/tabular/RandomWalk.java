package dev.rlx.environments.tabular;

import dev.rlx.api.KnownStateValues;
import jakarta.inject.Inject;

/**
 * The n-state random walk (Sutton &amp; Barto Example 6.2, §7.1): non-terminal states
 * 0..n−1, start in the middle, action 0 moves left and 1 moves right; stepping off the left
 * end terminates with {@code left_reward}, off the right end with {@code right_reward}, every
 * other step gives 0. The evaluation policy is uniform random, as in the book.
 */
public final class RandomWalk extends SeededTabularEnvironment implements KnownStateValues {

  private final int n;
  private final double leftReward;
  private final double rightReward;

  @Inject
  public RandomWalk(RandomWalkParams params) {
    super(params.nStates(), 2);
    this.n = params.nStates();
    this.leftReward = params.leftReward();
    this.rightReward = params.rightReward();
  }

  @Override
  int start() {
    return n / 2;
  }

  @Override
  public Step step(int action) {
    int next = action == 0 ? state - 1 : state + 1;
    if (next < 0) {
      return new Step(state, leftReward, true, false);
    }
    if (next >= n) {
      return new Step(state, rightReward, true, false);
    }
    state = next;
    return new Step(next, 0.0, false, false);
  }

  /** The environment's own randomness: here, the uniform random policy's coin. */
  public double uniform() {
    return rng.nextDouble();
  }

  @Override
  public int evaluationPolicyAction(int state, double u) {
    return u < 0.5 ? 0 : 1;
  }

  /**
   * Solves v = r + γ P v for the uniform random policy (a tridiagonal system, Thomas
   * algorithm): v(s) = ½[r_left(s) + γ v(s−1)] + ½[r_right(s) + γ v(s+1)], terminal values 0.
   */
  @Override
  public double[] trueStateValues(double gamma) {
    // Row s: v(s) − γ/2 v(s−1) − γ/2 v(s+1) = b(s).
    double[] lower = new double[n];
    double[] diag = new double[n];
    double[] upper = new double[n];
    double[] b = new double[n];
    for (int s = 0; s < n; s++) {
      diag[s] = 1.0;
      lower[s] = s > 0 ? -gamma / 2 : 0;
      upper[s] = s < n - 1 ? -gamma / 2 : 0;
      b[s] = (s == 0 ? leftReward / 2 : 0) + (s == n - 1 ? rightReward / 2 : 0);
    }
    for (int s = 1; s < n; s++) {
      double m = lower[s] / diag[s - 1];
      diag[s] -= m * upper[s - 1];
      b[s] -= m * b[s - 1];
    }
    double[] v = new double[n];
    v[n - 1] = b[n - 1] / diag[n - 1];
    for (int s = n - 2; s >= 0; s--) {
      v[s] = (b[s] - upper[s] * v[s + 1]) / diag[s];
    }
    return v;
  }
}
