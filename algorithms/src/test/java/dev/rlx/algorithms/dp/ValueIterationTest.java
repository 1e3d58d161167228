package dev.rlx.algorithms.dp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.rlx.api.KnownModel;
import dev.rlx.environments.tabular.GridWorld;
import dev.rlx.environments.tabular.GridWorldParams;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValueIterationTest {

  private static double[] solve(KnownModel model, double gamma, boolean inPlace, Map<String, Double> log) {
    return ValueIteration.solve(model, new ValueIterationParams(gamma, 1e-12, inPlace, 100_000), (k, s, v) -> log.put(k, v));
  }

  /** v_π = (I − γ P_π)⁻¹ R_π by Gaussian elimination with partial pivoting. */
  private static double[] linearSolve(KnownModel model, int[] policy, double gamma) {
    int n = model.stateCount();
    double[][] a = new double[n][n + 1];
    double[][][] p = model.transitionProbabilities();
    double[][] r = model.expectedRewards();
    for (int s = 0; s < n; s++) {
      a[s][s] = 1;
      if (model.isTerminal(s)) {
        continue;
      }
      for (int s2 = 0; s2 < n; s2++) {
        a[s][s2] -= gamma * p[s][policy[s]][s2];
      }
      a[s][n] = r[s][policy[s]];
    }
    for (int col = 0; col < n; col++) {
      int pivot = col;
      for (int row = col + 1; row < n; row++) {
        if (Math.abs(a[row][col]) > Math.abs(a[pivot][col])) {
          pivot = row;
        }
      }
      double[] tmp = a[col];
      a[col] = a[pivot];
      a[pivot] = tmp;
      for (int row = 0; row < n; row++) {
        if (row != col) {
          double f = a[row][col] / a[col][col];
          for (int k = col; k <= n; k++) {
            a[row][k] -= f * a[col][k];
          }
        }
      }
    }
    double[] v = new double[n];
    for (int s = 0; s < n; s++) {
      v[s] = a[s][n] / a[s][s];
    }
    return v;
  }

  private static int[] greedy(KnownModel model, double[] v, double gamma) {
    int[] policy = new int[model.stateCount()];
    for (int s = 0; s < policy.length; s++) {
      double best = Double.NEGATIVE_INFINITY;
      for (int a = 0; a < model.actionCount(); a++) {
        double q = ValueIteration.backup(model.expectedRewards()[s][a], model.transitionProbabilities()[s][a], v, gamma);
        if (q > best + 1e-12) {
          best = q;
          policy[s] = a;
        }
      }
    }
    return policy;
  }

  @Test
  void optimalValuesOfTheFourByFourGridAreMinusTheStepsToACorner() {
    GridWorld grid = new GridWorld(new GridWorldParams(4, 4, -1.0, 0.0));
    double[] v = solve(grid, 1.0, true, new HashMap<>());
    for (int s = 0; s < 16; s++) {
      int r = s / 4;
      int c = s % 4;
      int toCorner = Math.min(r + c, (3 - r) + (3 - c));
      assertThat(v[s]).isCloseTo(-toCorner, within(1e-9));
    }
  }

  @Test
  void convergedValuesEqualTheLinearSolveOfTheirGreedyPolicy() {
    GridWorld slippery = new GridWorld(new GridWorldParams(5, 6, -1.0, 0.2));
    double gamma = 0.9;
    double[] v = solve(slippery, gamma, false, new HashMap<>());
    double[] exact = linearSolve(slippery, greedy(slippery, v, gamma), gamma);
    assertThat(v).containsExactly(exact, within(1e-9));
  }

  @Test
  void theRandomPolicyValuesOfExampleFourOneComeOutOfTheLinearSolve() {
    // Sanity of the model itself: Sutton & Barto Fig. 4.1, v_π of the equiprobable policy
    // (averaging the four actions' P and R is the same as solving with a mixed policy).
    GridWorld grid = new GridWorld(new GridWorldParams(4, 4, -1.0, 0.0));
    double[] v = new double[16];
    for (int sweep = 0; sweep < 10_000; sweep++) {
      double[] next = new double[16];
      for (int s = 0; s < 16; s++) {
        if (grid.isTerminal(s)) {
          continue;
        }
        for (int a = 0; a < 4; a++) {
          next[s] += 0.25 * ValueIteration.backup(-1.0, grid.transitionProbabilities()[s][a], v, 1.0);
        }
      }
      v = next;
    }
    assertThat(v).containsExactly(new double[] {0, -14, -20, -22, -14, -18, -20, -20, -20, -20, -18, -14, -22, -20, -14, 0},
        within(1e-6));
  }

  @Test
  void inPlaceSweepsConvergeInFewerSweeps() {
    GridWorld grid = new GridWorld(new GridWorldParams(10, 10, -1.0, 0.1));
    Map<String, Double> sync = new HashMap<>();
    Map<String, Double> inPlace = new HashMap<>();
    double[] a = solve(grid, 0.95, false, sync);
    double[] b = solve(grid, 0.95, true, inPlace);
    assertThat(b).containsExactly(a, within(1e-8));
    assertThat(inPlace.get("dp/sweeps")).isLessThan(sync.get("dp/sweeps"));
  }

  @Test
  void policyIterationReachesTheSameOptimalValuesAndStops() {
    GridWorld slippery = new GridWorld(new GridWorldParams(6, 7, -1.0, 0.3));
    Map<String, Double> log = new HashMap<>();
    double[] pi = PolicyIteration.solve(slippery, new PolicyIterationParams(0.9, 1e-12, 1000), (k, s, v) -> log.put(k, v));
    double[] vi = solve(slippery, 0.9, true, new HashMap<>());
    assertThat(pi).containsExactly(vi, within(1e-8));
    assertThat(log.get("dp/policy_changes")).isZero(); // the last improvement changed nothing
    assertThat(log.get("dp/iterations")).isLessThan(20.0);
  }
}
