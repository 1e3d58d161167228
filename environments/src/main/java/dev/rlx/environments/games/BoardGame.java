package dev.rlx.environments.games;

import dev.rlx.api.EvaluatedGame;

/**
 * What tic-tac-toe and Connect Four share: the moves played (for {@link #undo}), the ply count,
 * the winner, the checks and messages of {@link #play} and {@link #undo}, and the evaluation by
 * open lines. A board says which moves are open, places and removes a piece, why a move is
 * refused, and scores its open lines.
 */
abstract class BoardGame implements EvaluatedGame {

  private final String name;
  private final int cells;
  /** The moves played, in order; a game lasts at most {@code cells} moves. */
  private final int[] history;
  private int plies;
  private int winner = NO_WINNER;

  BoardGame(String name, int cells) {
    this.name = name;
    this.cells = cells;
    this.history = new int[cells];
  }

  BoardGame(BoardGame source) {
    this(source.name, source.cells);
    System.arraycopy(source.history, 0, history, 0, source.plies);
    plies = source.plies;
    winner = source.winner;
  }

  /** The moves open on the board (bit m for move m), whether or not the game is over. */
  abstract long openMoves();

  /** Puts {@code player}'s piece for {@code move} on the board; whether it completes a line. */
  abstract boolean place(int move, int player);

  /** Takes {@code player}'s piece for {@code move}, the last one played, off the board. */
  abstract void remove(int move, int player);

  /** The range of moves, for messages, e.g. "cells are 0..8". */
  abstract String moveRange();

  /** Why an in-range move on an unfinished board is refused, e.g. "column 3 is full". */
  abstract String whyTaken(int move);

  /** Empties the board. */
  abstract void clear();

  /** Every line a win needs (a row, column or diagonal of the winning length), as a mask of {@link #pieces} bits. */
  abstract long[] lines();

  /** The pieces of {@code player}, as a mask over the board's cells. */
  abstract long pieces(int player);

  /**
   * The open-line score for the player to move: weight(k) for each line holding k of the
   * mover's pieces and none of the opponent's, minus the same for the opponent.
   */
  private double lineScore() {
    long mine = pieces(toMove());
    long theirs = pieces(1 - toMove());
    double score = 0;
    for (long line : lines()) {
      int own = Long.bitCount(mine & line);
      int other = Long.bitCount(theirs & line);
      score += lineWeight(own, other) - lineWeight(other, own);
    }
    return score;
  }

  /** The line score that {@link #evaluate} maps to tanh(1) ≈ 0.76. */
  abstract double lineScale();

  /**
   * The result of a finished game, else tanh(line score / scale): lines still open to one side
   * only are what a position can become, the classic hand-written evaluation of connection games.
   */
  @Override
  public final double evaluate() {
    if (winner != NO_WINNER) {
      return winner == toMove() ? 1 : -1;
    }
    return plies == cells ? 0 : Math.tanh(lineScore() / lineScale());
  }

  /** weight(k) = 4^(k−1) for k ≥ 1 of {@code own} pieces in a line with none of {@code other}'s; 0 otherwise. */
  private static double lineWeight(int own, int other) {
    return own == 0 || other != 0 ? 0 : 1 << (2 * (own - 1));
  }

  @Override
  public final int toMove() {
    return plies & 1;
  }

  @Override
  public boolean isLegal(int move) {
    return move >= 0 && move < moveCount() && (legalMask() & (1L << move)) != 0;
  }

  @Override
  public final long legalMask() {
    return isOver() ? 0 : openMoves();
  }

  @Override
  public final void play(int move) {
    if (!isLegal(move)) {
      throw new IllegalArgumentException(
          "move " + move + " is illegal: " + whyIllegal(move) + "; legal moves: " + GameText.moves(legalMask()));
    }
    int player = toMove();
    if (place(move, player)) {
      winner = player;
    }
    history[plies++] = move;
  }

  private String whyIllegal(int move) {
    if (move < 0 || move >= moveCount()) {
      return moveRange();
    }
    if (winner != NO_WINNER) {
      return "the game is over, " + GameText.symbol(winner) + " won";
    }
    if (isOver()) {
      return "the game is over, drawn";
    }
    return whyTaken(move);
  }

  @Override
  public final void undo() {
    if (plies == 0) {
      throw new IllegalStateException("no move to undo: the board is empty");
    }
    int move = history[--plies];
    remove(move, plies & 1);
    // Play stops at a win, so the position before the last move had none.
    winner = NO_WINNER;
  }

  @Override
  public final boolean isOver() {
    return winner != NO_WINNER || plies == cells;
  }

  @Override
  public final int winner() {
    return winner;
  }

  @Override
  public final int plies() {
    return plies;
  }

  @Override
  public final void reset() {
    clear();
    plies = 0;
    winner = NO_WINNER;
  }

  @Override
  public String toString() {
    return name + " after " + plies + " plies\n" + render();
  }
}
