package dev.rlx.api;

/**
 * A finite MDP whose dynamics are known, for dynamic programming: P(s' | s, a) and the
 * expected reward R(s, a) of every state and action (references.md §0.2).
 */
public interface KnownModel extends Environment {

  int stateCount();

  int actionCount();

  /** P[s][a][s']. Terminal states have no successors (their row is all zero). */
  double[][][] transitionProbabilities();

  /** R[s][a], the expected reward of taking a in s. */
  double[][] expectedRewards();

  boolean isTerminal(int state);
}
