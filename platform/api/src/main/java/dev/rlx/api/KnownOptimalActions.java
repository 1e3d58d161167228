package dev.rlx.api;

/**
 * An environment that knows which actions are optimal, such as a bandit that knows its true
 * action values q*(a): lets an algorithm report how often it chose the best action
 * (Sutton &amp; Barto Fig. 2.2, "% optimal action").
 */
public interface KnownOptimalActions {

  /**
   * Whether {@code action} is optimal in {@code state} now: its true value is the largest.
   * A nonstationary environment's answer can change after every step.
   */
  boolean isOptimal(int state, int action);
}
