package dev.rlx.algorithms.dp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.rlx.algorithms.RecordingContext;
import dev.rlx.api.TrialContext.Budget;
import dev.rlx.environments.tabular.GridWorld;
import dev.rlx.environments.tabular.GridWorldParams;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrioritizedSweepingTest {

  private static double[] valueIteration(GridWorld grid, double gamma, Map<String, Double> log) {
    return ValueIteration.solve(grid, new ValueIterationParams(gamma, 1e-10, true, 100_000), (k, s, v) -> log.put(k, v));
  }

  @Test
  void reachesValueIterationsFixedPointOnASlipperyWalledGrid() {
    GridWorld grid = new GridWorld(new GridWorldParams(8, 9, -0.1, 0.2, 5.0, "1,1 1,2 1,3 4,4 5,4 6,4"));
    RecordingContext context = new RecordingContext(0, new Budget(0, 1));
    double[] ps = new PrioritizedSweeping(new PrioritizedSweepingParams(0.95, 1e-10, 100_000_000), grid, context).solve();
    double[] vi = valueIteration(grid, 0.95, new HashMap<>());
    assertThat(ps).containsExactly(vi, within(1e-8));
    // The fixed point really is one: no state's Bellman residual is left above θ.
    for (int s = 0; s < grid.stateCount(); s++) {
      if (!grid.isTerminal(s)) {
        double best = Double.NEGATIVE_INFINITY;
        for (int a = 0; a < 4; a++) {
          best = Math.max(best, ValueIteration.backup(grid.expectedRewards()[s][a], grid.transitionProbabilities()[s][a], ps, 0.95));
        }
        assertThat(best - ps[s]).isCloseTo(0, within(1e-9));
      }
    }
  }

  @Test
  void needsFarFewerBackupsThanValueIterationWhenRewardIsSparse() {
    // references.md §0.2, exercise 3: on a sparse-reward grid only states near the goal change
    // at first, and prioritised sweeping backs up only those.
    GridWorld sparse = new GridWorld(new GridWorldParams(20, 20, 0.0, 0.0, 1.0, ""));
    RecordingContext context = new RecordingContext(0, new Budget(0, 1));
    new PrioritizedSweeping(new PrioritizedSweepingParams(0.95, 1e-10, 100_000_000), sparse, context).solve();
    Map<String, Double> vi = new HashMap<>();
    valueIteration(sparse, 0.95, vi);
    double psBackups = context.values("dp/backups").get(0);
    assertThat(psBackups).isLessThan(vi.get("dp/backups") / 5);

  }

  @Test
  void wallsBlockMovesAndGoalRewardIsEarnedOnEntry() {
    // 3×3, walls in the middle column except the bottom: from the top-right, the corner at
    // the top-left is unreachable directly and the only way is around through the bottom row.
    GridWorld grid = new GridWorld(new GridWorldParams(3, 3, -1.0, 0.0, 10.0, "0,1 1,1"));
    double[] v = valueIteration(grid, 1.0, new HashMap<>());
    assertThat(v[2]).isCloseTo(-1 + 10 - 1, within(1e-9)); // (0,2) → (1,2) → (2,2) goal: −1, then −1 + 10
    assertThat(v[3]).isCloseTo(9, within(1e-9)); // (1,0) → (0,0) goal
    assertThat(grid.transitionProbabilities()[2][3][2]).isEqualTo(1.0); // left from (0,2) bumps the wall
  }
}
