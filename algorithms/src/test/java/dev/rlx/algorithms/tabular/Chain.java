package dev.rlx.algorithms.tabular;

import dev.rlx.api.TabularEnvironment;

/**
 * A deterministic chain for closed-form checks: states 0 .. L−1 then a terminal state L; every
 * action moves one state right and step i (from state i) earns {@code rewards[i]}. With one
 * action the behaviour is fixed whatever ε; with more, they all do the same.
 */
final class Chain implements TabularEnvironment {

  private final double[] rewards;
  private final int actions;
  private int state;

  Chain(int actions, double... rewards) {
    this.rewards = rewards;
    this.actions = actions;
  }

  @Override
  public int stateCount() {
    return rewards.length + 1;
  }

  @Override
  public int actionCount() {
    return actions;
  }

  @Override
  public int reset(long seed) {
    return reset();
  }

  @Override
  public int reset() {
    state = 0;
    return state;
  }

  @Override
  public Step step(int action) {
    double reward = rewards[state];
    state++;
    return new Step(state, reward, state == rewards.length, false);
  }
}
