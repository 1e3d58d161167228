package dev.rlx.api;

import java.util.Map;

/**
 * A plugin that plays a {@link Game} (a search such as UCT, or random play): a match builds one
 * per side per game by constructor injection of its parameter record, a {@link GameSeat} and a
 * {@link Game} of its own (a copy of the empty board, for the player to use as scratch space).
 */
public interface GamePlayer {

  /**
   * Chooses a legal move for the player to move in {@code position}. The player may play and
   * take back moves on {@code position} but must return it as it was given.
   */
  int chooseMove(Game position);

  /**
   * Told of every move of the game as it is played, the player's own included, in order: a
   * search that keeps its tree between moves descends it here. Does nothing by default.
   */
  default void observe(int move) {}

  /**
   * What the player measured over the game so far, logged per game by the match under these keys
   * (e.g. {@code search/simulations_per_second}, {@code search/tree_nodes}). None by default.
   */
  default Map<String, Double> statistics() {
    return Map.of();
  }
}
