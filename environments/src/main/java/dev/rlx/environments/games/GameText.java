package dev.rlx.environments.games;

/** Text shared by the games' boards and error messages. */
final class GameText {

  private GameText() {}

  /** X for player 0 (moves first), O for player 1. */
  static char symbol(int player) {
    return player == 0 ? 'X' : 'O';
  }

  /** The moves of a legal-move mask, e.g. "0, 1, 3", or "none". */
  static String moves(long mask) {
    if (mask == 0) {
      return "none";
    }
    var text = new StringBuilder();
    for (long rest = mask; rest != 0; rest &= rest - 1) {
      text.append(text.isEmpty() ? "" : ", ").append(Long.numberOfTrailingZeros(rest));
    }
    return text.toString();
  }
}
