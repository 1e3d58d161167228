package dev.rlx.environments.games;

import dev.rlx.api.Game;
import dev.rlx.environments.tabular.NoParams;
import jakarta.inject.Inject;

/**
 * Connect Four (references.md §5.2): 6 rows × 7 columns, X (player 0) moves first; move
 * {@code c} in 0..6 drops a piece into column {@code c}, onto the lowest empty cell. Four in a
 * row, column or diagonal wins; a full board with none is a draw.
 *
 * <p>The board is Pascal Pons' bitboard: bit {@code 7·c + r} is row {@code r} (0 at the
 * bottom) of column {@code c}. Each column has one bit more than its six cells, a sentinel row
 * that is never set, so that a shift walking off the top of one column lands on an empty bit
 * instead of wrapping into the next. {@code mask} holds every piece, {@code position} those of
 * the player to move.
 */
public final class ConnectFour extends BoardGame {

  static final int ROWS = 6;
  static final int COLUMNS = 7;
  /** Bits per column: the six cells and the sentinel. */
  private static final int COLUMN_BITS = ROWS + 1;
  private static final int CELLS = ROWS * COLUMNS;
  /** The bottom cell of every column. */
  private static final long BOTTOM_ROW = bottomRow();
  /** The top cell of every column: a column is full when its bit is in {@code mask}. */
  private static final long TOP_ROW = BOTTOM_ROW << (ROWS - 1);
  /** The 69 lines of four cells a win needs: 24 horizontal, 21 vertical, 24 diagonal. */
  private static final long[] LINES = fourInARow();

  /** The pieces of the player to move. */
  private long position;
  /** Every piece on the board. */
  private long mask;
  @Inject
  public ConnectFour(NoParams params) {
    super("connect four", CELLS);
  }

  private ConnectFour(ConnectFour source) {
    super(source);
    position = source.position;
    mask = source.mask;
  }

  private static long bottomRow() {
    long bottom = 0;
    for (int column = 0; column < COLUMNS; column++) {
      bottom |= 1L << (column * COLUMN_BITS);
    }
    return bottom;
  }

  private static long[] fourInARow() {
    java.util.List<Long> lines = new java.util.ArrayList<>();
    int[][] directions = {{1, 0}, {0, 1}, {1, 1}, {1, -1}}; // (column, row) steps
    for (int column = 0; column < COLUMNS; column++) {
      for (int row = 0; row < ROWS; row++) {
        for (int[] d : directions) {
          int endColumn = column + 3 * d[0];
          int endRow = row + 3 * d[1];
          if (endColumn < COLUMNS && endRow >= 0 && endRow < ROWS) {
            long line = 0;
            for (int k = 0; k < 4; k++) {
              line |= 1L << ((column + k * d[0]) * COLUMN_BITS + row + k * d[1]);
            }
            lines.add(line);
          }
        }
      }
    }
    return lines.stream().mapToLong(Long::longValue).toArray();
  }

  private static long columnCells(int column) {
    return ((1L << ROWS) - 1) << (column * COLUMN_BITS);
  }

  @Override
  public int moveCount() {
    return COLUMNS;
  }

  @Override
  public boolean isLegal(int move) {
    return move >= 0 && move < COLUMNS && !isOver() && (mask & TOP_ROW & columnCells(move)) == 0;
  }

  @Override
  long openMoves() {
    long legal = 0;
    for (int column = 0; column < COLUMNS; column++) {
      if ((mask & TOP_ROW & columnCells(column)) == 0) {
        legal |= 1L << column;
      }
    }
    return legal;
  }

  @Override
  boolean place(int move, int player) {
    // Hand the turn over: the opponent's pieces are all pieces but the mover's.
    position ^= mask;
    // Adding the column's bottom bit carries up through its pieces onto the lowest empty cell.
    mask |= mask + (BOTTOM_ROW & columnCells(move));
    return hasFour(position ^ mask); // the mover's pieces
  }

  @Override
  String moveRange() {
    return "columns are 0..6";
  }

  @Override
  long[] lines() {
    return LINES;
  }

  @Override
  long pieces(int player) {
    return player == toMove() ? position : position ^ mask;
  }

  @Override
  double lineScale() {
    return 32;
  }

  @Override
  String whyTaken(int move) {
    return "column " + move + " is full";
  }

  /**
   * Whether {@code pieces} hold four in a line. For a shift {@code s}, {@code p & p >> s} marks
   * pieces with a neighbour {@code s} bits away, and doing it again with {@code 2s} finds four.
   * Shift 1 is vertical (up a column), 7 horizontal (the next column), 6 and 8 the two
   * diagonals (the next column one row down or up); the empty sentinel row stops any line from
   * wrapping between columns.
   */
  private static boolean hasFour(long pieces) {
    return hasFour(pieces, 1) || hasFour(pieces, COLUMN_BITS)
        || hasFour(pieces, COLUMN_BITS - 1) || hasFour(pieces, COLUMN_BITS + 1);
  }

  private static boolean hasFour(long pieces, int shift) {
    long pairs = pieces & pieces >>> shift;
    return (pairs & pairs >>> 2 * shift) != 0;
  }

  @Override
  void remove(int move, int player) {
    mask ^= Long.highestOneBit(mask & columnCells(move));
    position ^= mask;
  }

  /**
   * Pons' key, {@code position + mask}: per column it is the mover's pieces plus
   * {@code 2^h − 1} for a column of height {@code h}, which fixes both the height and the
   * pieces and never carries into the next column (thanks to the sentinel). The height total
   * fixes the side to move, so distinct positions have distinct keys.
   */
  @Override
  public long hash() {
    return position + mask;
  }

  @Override
  public Game copy() {
    return new ConnectFour(this);
  }

  @Override
  void clear() {
    position = 0;
    mask = 0;
  }

  @Override
  public String render() {
    long first = pieces(0);
    var text = new StringBuilder(ROWS * 2 * COLUMNS);
    for (int row = ROWS - 1; row >= 0; row--) {
      for (int column = 0; column < COLUMNS; column++) {
        long cell = 1L << (column * COLUMN_BITS + row);
        char symbol = (mask & cell) == 0 ? '.' : GameText.symbol((first & cell) != 0 ? 0 : 1);
        text.append(column == 0 ? "" : " ").append(symbol);
      }
      text.append('\n');
    }
    return text.toString();
  }
}
