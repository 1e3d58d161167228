package dev.rlx.environments.tabular;

import jakarta.inject.Inject;

/**
 * The maximization-bias MDP (Sutton &amp; Barto Example 6.7, Fig. 6.5). Episodes start in A
 * (state 0), which has two actions: 1 ("right") ends the episode with reward 0; 0 ("left")
 * moves to B (state 1) with reward 0. Every one of B's actions ends the episode with a reward
 * drawn from N(−0.1, 1). Left is worse in expectation, yet max over B's noisy estimates looks
 * positive: Q-learning goes left far more often than the optimal ε/2.
 */
public final class MaximizationBias extends SeededTabularEnvironment {

  public static final int A = 0;
  public static final int B = 1;
  /** The terminal state's index (never updated: no bootstrap from it). */
  public static final int TERMINAL = 2;

  private final MaximizationBiasParams params;

  @Inject
  public MaximizationBias(MaximizationBiasParams params) {
    super(3, Math.max(2, params.bActions()));
    this.params = params;
    this.state = A;
  }

  @Override
  public int actionCount(int s) {
    return s == B ? params.bActions() : 2;
  }

  @Override
  int start() {
    return A;
  }

  @Override
  public Step step(int action) {
    if (state == A) {
      if (action == 0) {
        state = B;
        return new Step(B, 0.0, false, false);
      }
      state = TERMINAL;
      return new Step(TERMINAL, 0.0, true, false);
    }
    state = TERMINAL;
    return new Step(TERMINAL, params.rewardMean() + params.rewardStd() * rng.nextGaussian(), true, false);
  }
}
