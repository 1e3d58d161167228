package dev.rlx.environments.games;

import dev.rlx.api.Game;
import dev.rlx.environments.tabular.NoParams;
import jakarta.inject.Inject;

/**
 * Tic-tac-toe (references.md §5.2): a 3×3 board, X (player 0) moves first. Move {@code m} in
 * 0..8 marks cell {@code m}, row-major from the top-left. Each player's marks are a 9-bit
 * bitboard (bit {@code m} = cell {@code m}), so a win is one of eight line masks covered.
 */
public final class TicTacToe implements Game {

  private static final int CELLS = 9;
  private static final int FULL_BOARD = (1 << CELLS) - 1;
  /** The three rows, three columns and two diagonals, as cell masks. */
  private static final int[] LINES = {
      0b000_000_111, 0b000_111_000, 0b111_000_000,
      0b001_001_001, 0b010_010_010, 0b100_100_100,
      0b100_010_001, 0b001_010_100};

  /** {@code marks[p]}: the cells player {@code p} has marked. */
  private final int[] marks = new int[2];
  /** The moves played, in order; a game lasts at most nine. */
  private final int[] history = new int[CELLS];
  private int plies;
  private int winner = NO_WINNER;

  @Inject
  public TicTacToe(NoParams params) {}

  private TicTacToe(TicTacToe source) {
    marks[0] = source.marks[0];
    marks[1] = source.marks[1];
    System.arraycopy(source.history, 0, history, 0, source.plies);
    plies = source.plies;
    winner = source.winner;
  }

  @Override
  public int moveCount() {
    return CELLS;
  }

  @Override
  public int toMove() {
    return plies & 1;
  }

  @Override
  public boolean isLegal(int move) {
    return move >= 0 && move < CELLS && (legalMask() & (1L << move)) != 0;
  }

  @Override
  public long legalMask() {
    return isOver() ? 0 : ~(marks[0] | marks[1]) & FULL_BOARD;
  }

  @Override
  public void play(int move) {
    if (!isLegal(move)) {
      throw new IllegalArgumentException(
          "move " + move + " is illegal: " + whyIllegal(move) + "; legal moves: " + GameText.moves(legalMask()));
    }
    int player = toMove();
    int playerMarks = marks[player] | 1 << move;
    marks[player] = playerMarks;
    history[plies++] = move;
    for (int line : LINES) {
      if ((playerMarks & line) == line) {
        winner = player;
        break;
      }
    }
  }

  private String whyIllegal(int move) {
    if (move < 0 || move >= CELLS) {
      return "cells are 0..8";
    }
    if (winner != NO_WINNER) {
      return "the game is over, " + GameText.symbol(winner) + " won";
    }
    if (isOver()) {
      return "the game is over, drawn";
    }
    int owner = (marks[0] >> move & 1) == 1 ? 0 : 1;
    return "cell " + move + " (row " + (move / 3 + 1) + ", column " + (move % 3 + 1) + ") is taken by "
        + GameText.symbol(owner);
  }

  @Override
  public void undo() {
    if (plies == 0) {
      throw new IllegalStateException("no move to undo: the board is empty");
    }
    int move = history[--plies];
    marks[plies & 1] &= ~(1 << move);
    // Play stops at a win, so the position before the last move had none.
    winner = NO_WINNER;
  }

  @Override
  public boolean isOver() {
    return winner != NO_WINNER || plies == CELLS;
  }

  @Override
  public int winner() {
    return winner;
  }

  @Override
  public int plies() {
    return plies;
  }

  /** O's marks above X's: the two counts fix the side to move, so the key is unique. */
  @Override
  public long hash() {
    return marks[0] | (long) marks[1] << CELLS;
  }

  @Override
  public Game copy() {
    return new TicTacToe(this);
  }

  @Override
  public void reset() {
    marks[0] = 0;
    marks[1] = 0;
    plies = 0;
    winner = NO_WINNER;
  }

  @Override
  public String render() {
    var text = new StringBuilder(3 * 6);
    for (int row = 0; row < 3; row++) {
      for (int column = 0; column < 3; column++) {
        int cell = 3 * row + column;
        text.append(column == 0 ? "" : " ").append(cellSymbol(cell));
      }
      text.append('\n');
    }
    return text.toString();
  }

  private char cellSymbol(int cell) {
    if ((marks[0] >> cell & 1) == 1) {
      return GameText.symbol(0);
    }
    return (marks[1] >> cell & 1) == 1 ? GameText.symbol(1) : '.';
  }

  @Override
  public String toString() {
    return "tic-tac-toe after " + plies + " plies\n" + render();
  }
}
