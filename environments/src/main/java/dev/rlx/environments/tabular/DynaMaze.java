package dev.rlx.environments.tabular;

import jakarta.inject.Inject;

/**
 * The mazes of Sutton &amp; Barto chapter 8, on a 6×9 grid (state = row·9 + col; actions
 * 0 up, 1 right, 2 down, 3 left; a move into a wall or off the grid stays put; reward 1 on
 * reaching the goal, which ends the episode, 0 otherwise):
 * <ul>
 *   <li>{@code dyna} (Fig. 8.2): start (2,0), goal (0,8), walls at (1..3,2), (4,5), (0..2,7);
 *   <li>{@code blocking} (Fig. 8.4): start (5,3), goal (0,8); a wall along row 3 open at the
 *       right end, which after {@code change_at_step} steps closes while the left end opens;
 *   <li>{@code shortcut} (Fig. 8.5): the same wall open at the left end; after
 *       {@code change_at_step} steps the right end opens as well, a shorter path.
 * </ul>
 * The change counts every step taken since the environment was made, across episodes.
 */
public final class DynaMaze extends SeededTabularEnvironment {

  public static final int ROWS = 6;
  public static final int COLS = 9;
  private static final Grid GRID = new Grid(ROWS, COLS);

  private final DynaMazeParams.Layout layout;
  private final int changeAtStep;
  private final int start;
  private final int goal = COLS - 1;
  private long totalSteps;

  @Inject
  public DynaMaze(DynaMazeParams params) {
    super(ROWS * COLS, Grid.MOVES);
    this.layout = params.layout();
    this.changeAtStep = params.changeAtStep();
    this.start = layout == DynaMazeParams.Layout.DYNA ? 2 * COLS : 5 * COLS + 3;
    this.state = start;
  }

  @Override
  int start() {
    return start; // deterministic
  }

  @Override
  public Step step(int action) {
    if (action < 0 || action >= Grid.MOVES) {
      throw new IllegalArgumentException("the maze has actions 0..3, got " + action);
    }
    totalSteps++; // first: the layout may change with this very step
    state = GRID.move(state, action, cell -> isWall(cell / COLS, cell % COLS));
    return state == goal ? new Step(state, 1.0, true, false) : new Step(state, 0.0, false, false);
  }

  /** Whether the layout has changed yet (blocking and shortcut mazes). */
  public boolean changed() {
    return layout != DynaMazeParams.Layout.DYNA && totalSteps >= changeAtStep;
  }

  boolean isWall(int row, int col) {
    return switch (layout) {
      case DYNA -> (col == 2 && row >= 1 && row <= 3) || (row == 4 && col == 5) || (col == 7 && row <= 2);
      case BLOCKING -> row == 3 && (changed() ? col >= 1 : col <= COLS - 2);
      case SHORTCUT -> row == 3 && col >= 1 && (changed() ? col <= COLS - 2 : true);
    };
  }
}
