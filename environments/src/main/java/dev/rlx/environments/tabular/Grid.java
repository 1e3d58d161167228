package dev.rlx.environments.tabular;

import java.util.function.IntPredicate;

/**
 * The geometry of Sutton &amp; Barto's gridworlds: rows × cols cells, state = row·cols + col, and
 * four moves, 0 up, 1 right, 2 down, 3 left, that stay put rather than leave the grid or enter
 * a blocked cell.
 */
record Grid(int rows, int cols) {

  static final int MOVES = 4;
  private static final int[] ROW_STEP = {-1, 0, 1, 0};
  private static final int[] COL_STEP = {0, 1, 0, -1};

  int cells() {
    return rows * cols;
  }

  /** The cell move {@code action} from s reaches: s itself off the grid or into a {@code blocked} cell. */
  int move(int s, int action, IntPredicate blocked) {
    int r = s / cols + ROW_STEP[action];
    int c = s % cols + COL_STEP[action];
    return r < 0 || r >= rows || c < 0 || c >= cols || blocked.test(r * cols + c) ? s : r * cols + c;
  }
}
