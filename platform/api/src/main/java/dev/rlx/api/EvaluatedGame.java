package dev.rlx.api;

/**
 * A {@link Game} that can judge a position without playing it out: a hand-written evaluation a
 * search may use as its value function in place of random rollouts (references.md §5.2: "a
 * value net replacing expensive rollouts at the leaves", here written by hand).
 */
public interface EvaluatedGame extends Game {

  /**
   * The position's value for the player to move, in [−1, 1] (−1: lost, 0: even, +1: won); for a
   * finished game, the result itself.
   */
  double evaluate();
}
