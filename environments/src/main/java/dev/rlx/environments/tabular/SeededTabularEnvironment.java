package dev.rlx.environments.tabular;

import dev.rlx.api.TabularEnvironment;
import java.util.SplittableRandom;

/**
 * What the episodic tabular environments share: fixed state and action counts, the current
 * state, and one generator for all their randomness, re-seeded by {@code reset(seed)} (unused by
 * the deterministic ones); every reset puts the state at the environment's {@link #start()}.
 */
abstract class SeededTabularEnvironment implements TabularEnvironment {

  private final int stateCount;
  private final int actionCount;
  SplittableRandom rng = new SplittableRandom(0);
  int state;

  SeededTabularEnvironment(int stateCount, int actionCount) {
    this.stateCount = stateCount;
    this.actionCount = actionCount;
  }

  /** The state an episode starts in; may draw from {@link #rng}. */
  abstract int start();

  @Override
  public final int stateCount() {
    return stateCount;
  }

  @Override
  public final int actionCount() {
    return actionCount;
  }

  @Override
  public final int reset(long seed) {
    rng = new SplittableRandom(seed);
    return reset();
  }

  @Override
  public final int reset() {
    state = start();
    return state;
  }
}
