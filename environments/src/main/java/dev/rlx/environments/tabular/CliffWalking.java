package dev.rlx.environments.tabular;

import jakarta.inject.Inject;

/**
 * Cliff walking (Sutton &amp; Barto Example 6.6; Gymnasium CliffWalking-v0): a 4×12 grid,
 * start at the bottom-left, goal at the bottom-right, the cells between them a cliff. Every
 * step costs −1; stepping into the cliff costs −100 and sends the agent back to the start
 * (the episode goes on); reaching the goal terminates. Actions as in Gymnasium: 0 up,
 * 1 right, 2 down, 3 left; moves off the grid leave the agent in place. State = row·12 + col.
 */
public final class CliffWalking extends SeededTabularEnvironment {

  public static final int ROWS = 4;
  public static final int COLS = 12;
  public static final int START = (ROWS - 1) * COLS;
  public static final int GOAL = ROWS * COLS - 1;

  private static final Grid GRID = new Grid(ROWS, COLS);

  @Inject
  public CliffWalking(NoParams params) {
    super(ROWS * COLS, Grid.MOVES);
    this.state = START;
  }

  @Override
  int start() {
    return START; // deterministic: the seed has nothing to drive
  }

  @Override
  public Step step(int action) {
    if (action < 0 || action >= Grid.MOVES) {
      throw new IllegalArgumentException("cliff walking has actions 0..3, got " + action);
    }
    int next = GRID.move(state, action, cell -> false);
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
