package dev.rlx.environments.tabular;

import dev.rlx.api.KnownModel;
import jakarta.inject.Inject;

/**
 * The gridworld of Sutton &amp; Barto Example 4.1: the top-left and bottom-right cells are
 * terminal, every step earns {@code step_reward}, moves off the grid stay put. With
 * {@code slip} &gt; 0 a move goes to a perpendicular direction instead, each with probability
 * slip/2. A move into a terminal corner also earns {@code goal_reward}; a move into a wall cell
 * stays put. Actions 0 up, 1 right, 2 down, 3 left; state = row·cols + col. Episodes start in a
 * uniformly random open non-terminal cell. The model (P, R) is exposed for dynamic programming;
 * wall cells are never entered and have no successors in it.
 */
public final class GridWorld extends SeededTabularEnvironment implements KnownModel {

  private final Grid grid;
  private final int rows;
  private final int cols;
  private final double stepReward;
  private final double slip;
  private final double goalReward;
  private final boolean[] wall;
  private final int[] starts;

  @Inject
  public GridWorld(GridWorldParams params) {
    super(params.rows() * params.cols(), Grid.MOVES);
    this.grid = new Grid(params.rows(), params.cols());
    this.rows = params.rows();
    this.cols = params.cols();
    this.stepReward = params.stepReward();
    this.slip = params.slip();
    this.goalReward = params.goalReward();
    this.wall = parseWalls(params.walls(), rows, cols);
    this.starts = java.util.stream.IntStream.range(0, rows * cols).filter(s -> !wall[s] && !isTerminal(s)).toArray();
    if (starts.length == 0) {
      throw new IllegalArgumentException("gridworld: walls leave no open cell to start in");
    }
  }

  private static boolean[] parseWalls(String text, int rows, int cols) {
    boolean[] wall = new boolean[rows * cols];
    for (String pair : text.trim().split("\\s+")) {
      if (pair.isEmpty()) {
        continue;
      }
      String[] rc = pair.split(",");
      int r = Integer.parseInt(rc[0]);
      int c = Integer.parseInt(rc[1]);
      if (r >= rows || c >= cols) {
        throw new IllegalArgumentException("gridworld: wall " + pair + " lies outside the " + rows + "×" + cols
            + " grid (rows 0.." + (rows - 1) + ", columns 0.." + (cols - 1) + ")");
      }
      if (r * cols + c == 0 || r * cols + c == rows * cols - 1) {
        throw new IllegalArgumentException("gridworld: wall " + pair + " would cover a terminal corner");
      }
      wall[r * cols + c] = true;
    }
    return wall;
  }

  @Override
  public boolean isTerminal(int s) {
    return s == 0 || s == rows * cols - 1;
  }

  @Override
  int start() {
    return starts[rng.nextInt(starts.length)];
  }

  @Override
  public Step step(int action) {
    double u = rng.nextDouble();
    int direction = u < slip / 2 ? (action + 1) % 4 : u < slip ? (action + 3) % 4 : action;
    state = move(state, direction);
    boolean terminal = isTerminal(state);
    return new Step(state, terminal ? stepReward + goalReward : stepReward, terminal, false);
  }

  private int move(int s, int direction) {
    return grid.move(s, direction, cell -> wall[cell]);
  }

  @Override
  public double[][][] transitionProbabilities() {
    int n = stateCount();
    double[][][] p = new double[n][4][n];
    for (int s = 0; s < n; s++) {
      if (isTerminal(s) || wall[s]) {
        continue;
      }
      for (int a = 0; a < 4; a++) {
        p[s][a][move(s, a)] += 1 - slip;
        p[s][a][move(s, (a + 1) % 4)] += slip / 2;
        p[s][a][move(s, (a + 3) % 4)] += slip / 2;
      }
    }
    return p;
  }

  @Override
  public double[][] expectedRewards() {
    double[][][] p = transitionProbabilities();
    double[][] r = new double[stateCount()][4];
    for (int s = 0; s < stateCount(); s++) {
      if (isTerminal(s) || wall[s]) {
        continue;
      }
      for (int a = 0; a < 4; a++) {
        r[s][a] = stepReward + goalReward * (p[s][a][0] + p[s][a][stateCount() - 1]);
      }
    }
    return r;
  }
}
