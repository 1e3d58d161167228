package dev.rlx.api;

/**
 * Which side a {@link GamePlayer} plays in one game, and the seed its random stream starts from
 * (the game's seed mixed with the side, so that the two players' streams differ and a game with
 * the same seed replays move for move).
 *
 * @param player 0 (moves first) or 1
 * @param seed the seed of this player's random stream in this game
 */
public record GameSeat(int player, long seed) {
  public GameSeat {
    if (player != 0 && player != 1) {
      throw new IllegalArgumentException("a seat is player 0 or 1, got " + player);
    }
  }
}
