package dev.rlx.environments.games;

import dev.rlx.api.Game;
import dev.rlx.environments.tabular.NoParams;
import jakarta.inject.Inject;

/**
 * Tic-tac-toe (references.md §5.2): a 3×3 board, X (player 0) moves first. Move {@code m} in
 * 0..8 marks cell {@code m}, row-major from the top-left. Each player's marks are a 9-bit
 * bitboard (bit {@code m} = cell {@code m}), so a win is one of eight line masks covered.
 */
public final class TicTacToe extends BoardGame {

  private static final int CELLS = 9;
  private static final int FULL_BOARD = (1 << CELLS) - 1;
  /** The three rows, three columns and two diagonals, as cell masks. */
  private static final int[] LINES = {
      0b000_000_111, 0b000_111_000, 0b111_000_000,
      0b001_001_001, 0b010_010_010, 0b100_100_100,
      0b100_010_001, 0b001_010_100};
  private static final long[] LINE_MASKS = java.util.Arrays.stream(LINES).asLongStream().toArray();

  /** {@code marks[p]}: the cells player {@code p} has marked. */
  private final int[] marks = new int[2];

  @Inject
  public TicTacToe(NoParams params) {
    super("tic-tac-toe", CELLS);
  }

  private TicTacToe(TicTacToe source) {
    super(source);
    marks[0] = source.marks[0];
    marks[1] = source.marks[1];
  }

  @Override
  public int moveCount() {
    return CELLS;
  }

  @Override
  long openMoves() {
    return ~(marks[0] | marks[1]) & FULL_BOARD;
  }

  @Override
  boolean place(int move, int player) {
    int playerMarks = marks[player] | 1 << move;
    marks[player] = playerMarks;
    for (int line : LINES) {
      if ((playerMarks & line) == line) {
        return true;
      }
    }
    return false;
  }

  @Override
  void remove(int move, int player) {
    marks[player] &= ~(1 << move);
  }

  @Override
  String moveRange() {
    return "cells are 0..8";
  }

  @Override
  long[] lines() {
    return LINE_MASKS;
  }

  @Override
  long pieces(int player) {
    return marks[player];
  }

  @Override
  double lineScale() {
    return 8;
  }

  @Override
  String whyTaken(int move) {
    int owner = (marks[0] >> move & 1) == 1 ? 0 : 1;
    return "cell " + move + " (row " + (move / 3 + 1) + ", column " + (move % 3 + 1) + ") is taken by "
        + GameText.symbol(owner);
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
  void clear() {
    marks[0] = 0;
    marks[1] = 0;
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
}
