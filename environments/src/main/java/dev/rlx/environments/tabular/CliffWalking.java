package dev.rlx.environments.tabular;

import dev.rlx.api.TabularEnvironment;
import jakarta.inject.Inject;

/**
 * Cliff walking (Sutton &amp; Barto Example 6.6; Gymnasium CliffWalking-v0): a 4×12 grid,
 * start at the bottom-left, goal at the bottom-right, the cells between them a cliff. Every
 * step costs −1; stepping into the cliff costs −100 and sends the agent back to the start
 * (the episode goes on); reaching the goal terminates. Actions as in Gymnasium: 0 up,
 * 1 right, 2 down, 3 left; moves off the grid leave the agent in place. State = row·12 + col.
 */
public final class CliffWalking implements TabularEnvironment {

  public static final int ROWS = 4;
  public static final int COLS = 12;
  public static final int START = (ROWS - 1) * COLS;
  public static final int GOAL = ROWS * COLS - 1;

  private int state = START;

  @Inject
  public CliffWalking(NoParams params) {}

  @Override
  public int stateCount() {
    return ROWS * COLS;
  }

  @Override
  public int actionCount() {
    return 4;
  }

  @Override
  public int reset(long seed) {
    return reset(); // deterministic: the seed has nothing to drive
  }

  @Override
  public int reset() {
    state = START;
    return state;
  }

  @Override
  public Step step(int action) {
    int row = state / COLS;
    int col = state % COLS;
    switch (action) {
      case 0 -> row = Math.max(row - 1, 0);
      case 1 -> col = Math.min(col + 1, COLS - 1);
      case 2 -> row = Math.min(row + 1, ROWS - 1);
      case 3 -> col = Math.max(col - 1, 0);
      default -> throw new IllegalArgumentException("cliff walking has actions 0..3, got " + action);
    }
    int next = row * COLS + col;
    if (isCliff(next)) {
      state = START;
      return new Step(START, -100.0, false, false);
    }
    state = next;
    return new Step(next, -1.0, next == GOAL, false);
  }

  static boolean isCliff(int s) {
    return s / COLS == ROWS - 1 && s % COLS > 0 && s % COLS < COLS - 1;
  }
}
