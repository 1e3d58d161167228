package dev.rlx.api;

/**
 * A two-player, zero-sum, perfect-information game with alternating moves (tic-tac-toe,
 * Connect Four): the environment of a match (references.md §5.2). An instance is one mutable
 * position; search plays and takes back moves on its own {@link #copy()}, so the hot path
 * ({@link #play}, {@link #undo}, {@link #legalMask}) allocates nothing.
 *
 * <p>Players are numbered 0 (moves first) and 1. Moves are small integers in
 * {@code [0, moveCount())}: a cell for tic-tac-toe, a column for Connect Four.
 */
public interface Game extends Environment {

  /** The value of {@link #winner()} while nobody has won (the game goes on, or ended drawn). */
  int NO_WINNER = -1;

  /** How many distinct moves the game has (at most 64, so that {@link #legalMask()} holds them). */
  int moveCount();

  /** The player to move: 0 or 1. */
  int toMove();

  /** Whether {@code move} is legal now (false once the game is over). */
  boolean isLegal(int move);

  /** The legal moves now as a bit set: bit {@code m} is set when move {@code m} is legal; 0 once over. */
  long legalMask();

  /**
   * Plays {@code move} for the player to move.
   *
   * @throws IllegalArgumentException naming the move and why it is illegal (occupied, full,
   *     out of range, game over) and which moves are legal
   */
  void play(int move);

  /**
   * Takes back the last move played.
   *
   * @throws IllegalStateException when no move has been played since the start
   */
  void undo();

  /** Whether the game has ended: a player has won or the board is full. */
  boolean isOver();

  /** The player who has won (0 or 1), or {@link #NO_WINNER}. */
  int winner();

  /** Moves played since the empty board. */
  int plies();

  /**
   * A key for the position: equal for equal positions however they were reached (transpositions),
   * distinct for distinct positions (it encodes the whole board and the player to move).
   */
  long hash();

  /** An independent copy of this position (its history included, so that it can undo). */
  Game copy();

  /** Back to the empty board, player 0 to move. */
  void reset();

  /** The board as text, one row per line, for logs and error messages. */
  String render();
}
