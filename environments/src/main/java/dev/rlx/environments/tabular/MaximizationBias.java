package dev.rlx.environments.tabular;

import dev.rlx.api.TabularEnvironment;
import jakarta.inject.Inject;
import java.util.SplittableRandom;

/**
 * The maximization-bias MDP (Sutton &amp; Barto Example 6.7, Fig. 6.5). Episodes start in A
 * (state 0), which has two actions: 1 ("right") ends the episode with reward 0; 0 ("left")
 * moves to B (state 1) with reward 0. Every one of B's actions ends the episode with a reward
 * drawn from N(−0.1, 1). Left is worse in expectation, yet max over B's noisy estimates looks
 * positive: Q-learning goes left far more often than the optimal ε/2.
 */
public final class MaximizationBias implements TabularEnvironment {

  public static final int A = 0;
  public static final int B = 1;
  /** The terminal state's index (never updated: no bootstrap from it). */
  public static final int TERMINAL = 2;

  private final MaximizationBiasParams params;
  private SplittableRandom rng = new SplittableRandom(0);
  private int state = A;

  @Inject
  public MaximizationBias(MaximizationBiasParams params) {
    this.params = params;
  }

  @Override
  public int stateCount() {
    return 3;
  }

  @Override
  public int actionCount() {
    return Math.max(2, params.bActions());
  }

  @Override
  public int actionCount(int s) {
    return s == B ? params.bActions() : 2;
  }

  @Override
  public int reset(long seed) {
    rng = new SplittableRandom(seed);
    return reset();
  }

  @Override
  public int reset() {
    state = A;
    return state;
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
