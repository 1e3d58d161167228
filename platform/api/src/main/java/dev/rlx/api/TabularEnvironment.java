package dev.rlx.api;

/** A finite MDP stepped one transition at a time: states 0..n−1, actions 0..m−1. */
public interface TabularEnvironment extends Environment {

  int stateCount();

  int actionCount();

  /**
   * The actions available in {@code state}: 0 .. actionCount(state) − 1, at most
   * {@link #actionCount()} (the maximization-bias MDP offers 2 in A and many in B).
   */
  default int actionCount(int state) {
    return actionCount();
  }

  /** Starts an episode; {@code seed} seeds the environment's own randomness. Returns the state. */
  int reset(long seed);

  /** Starts an episode continuing the current random stream. */
  int reset();

  /** Takes {@code action} in the current state. */
  Step step(int action);

  /**
   * One transition's outcome. A terminal state ends the episode ({@code terminated});
   * a time limit ends it without the state being terminal ({@code truncated}), so its value
   * must still be bootstrapped.
   */
  record Step(int state, double reward, boolean terminated, boolean truncated) {
    public boolean done() {
      return terminated || truncated;
    }
  }
}
