package dev.rlx.algorithms.tabular;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.rlx.algorithms.RecordingContext;
import dev.rlx.api.KnownStateValues;
import dev.rlx.api.TabularEnvironment;
import dev.rlx.api.TrialContext.Budget;
import dev.rlx.environments.tabular.RandomWalk;
import dev.rlx.environments.tabular.RandomWalkParams;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The forward view (λ-returns, computed here explicitly from recorded episodes) against the
 * backward-view implementations (references.md §6.2; Sutton &amp; Barto §12.1–12.5), and converged
 * TD against the linear solve V = (I − γP)⁻¹R.
 */
class LambdaReturnTest {

  /** One recorded episode: states s_0..s_{T−1}, rewards r_1..r_T; the episode ends in a terminal state. */
  record Episode(List<Integer> states, List<Double> rewards) {}

  /** A random walk that records every episode the algorithm experiences. */
  static final class RecordingWalk implements TabularEnvironment, KnownStateValues {
    final RandomWalk walk;
    final List<Episode> episodes = new ArrayList<>();
    private int state;

    RecordingWalk(int n) {
      walk = new RandomWalk(new RandomWalkParams(n, -1.0, 1.0));
    }

    @Override public int stateCount() { return walk.stateCount(); }
    @Override public int actionCount() { return walk.actionCount(); }
    @Override public double[] trueStateValues(double gamma) { return walk.trueStateValues(gamma); }
    @Override public int evaluationPolicyAction(int s, double u) { return walk.evaluationPolicyAction(s, u); }

    @Override
    public int reset(long seed) {
      walk.reset(seed);
      return reset();
    }

    @Override
    public int reset() {
      state = walk.reset();
      episodes.add(new Episode(new ArrayList<>(), new ArrayList<>()));
      return state;
    }

    @Override
    public Step step(int action) {
      Episode e = episodes.get(episodes.size() - 1);
      e.states().add(state);
      Step step = walk.step(action);
      e.rewards().add(step.reward());
      state = step.state();
      return step;
    }

    /** The episodes the algorithm actually ran (reset(seed) starts one that is then restarted). */
    List<Episode> experienced() {
      return episodes.stream().filter(e -> !e.states().isEmpty()).toList();
    }
  }

  /** G_{t:t+n} = r_{t+1} + … + γ^{n−1} r_{t+n} + γ^n V(s_{t+n}), with V(terminal) = 0. */
  private static double nStepReturn(Episode e, int t, int n, double gamma, double[] v) {
    int horizon = e.states().size();
    double g = 0;
    double discount = 1;
    for (int k = t; k < t + n; k++) {
      g += discount * e.rewards().get(k);
      discount *= gamma;
    }
    return t + n < horizon ? g + discount * v[e.states().get(t + n)] : g;
  }

  /** The truncated λ-return G^λ_{t:h} = (1−λ) Σ_{n=1}^{h−t−1} λ^{n−1} G_{t:t+n} + λ^{h−t−1} G_{t:h}, values from {@code valueAt}. */
  private static double lambdaReturn(Episode e, int t, int h, double gamma, double lambda, ValueAt valueAt) {
    double g = 0;
    for (int n = 1; n < h - t; n++) {
      g += (1 - lambda) * Math.pow(lambda, n - 1) * nStepReturn(e, t, n, gamma, valueAt.before(t + n));
    }
    return g + Math.pow(lambda, h - t - 1) * nStepReturn(e, t, h - t, gamma, valueAt.before(h));
  }

  /** The value function used to bootstrap from s_k: the estimate V_{k−1} current at time k. */
  interface ValueAt {
    double[] before(int k);
  }

  @Test
  void offlineTdLambdaEqualsTheForwardViewLambdaReturnUpdates() {
    // Σ_t α δ_t e_t(s) = α Σ_{t: s_t = s} (G_t^λ − V(s)) with V frozen (references.md §6.2, exercise 3).
    double alpha = 0.1;
    double gamma = 0.9;
    double lambda = 0.7;
    for (long seed = 0; seed < 20; seed++) {
      RecordingWalk walk = new RecordingWalk(7);
      TdLambda td = new TdLambda(new TdLambdaParams(alpha, new LambdaReturnParams(gamma, lambda),
          TdLambdaParams.Trace.ACCUMULATING, 0.3, TdLambdaParams.Update.OFFLINE), walk,
          new RecordingContext(seed, new Budget(0, 1)));
      double[] learned = td.learn();

      double[] v0 = new double[7];
      Arrays.fill(v0, 0.3);
      double[] expected = v0.clone();
      Episode e = walk.experienced().get(0);
      int horizon = e.states().size();
      for (int t = 0; t < horizon; t++) {
        int s = e.states().get(t);
        expected[s] += alpha * (lambdaReturn(e, t, horizon, gamma, lambda, k -> v0) - v0[s]);
      }
      for (int s = 0; s < 7; s++) {
        assertThat(learned[s]).as("seed %d, state %d, T = %d", seed, s, horizon).isCloseTo(expected[s], within(1e-10));
      }
    }
  }

  @Test
  void trueOnlineTdLambdaEqualsTheOnlineLambdaReturnAlgorithmExactly() {
    // van Seijen & Sutton 2014; Sutton & Barto §12.4–12.5: at every step h the online λ-return
    // algorithm redoes the episode's updates t < h toward G^λ_{t:h}; true online TD(λ) gets the
    // same V_h with O(|S|) work per step.
    double alpha = 0.2;
    double gamma = 0.95;
    double lambda = 0.8;
    for (long seed = 0; seed < 10; seed++) {
      RecordingWalk walk = new RecordingWalk(7);
      TrueOnlineTdLambda td = new TrueOnlineTdLambda(
          new TrueOnlineTdLambdaParams(alpha, new LambdaReturnParams(gamma, lambda), 0.1), walk,
          new RecordingContext(seed, new Budget(0, 5)));
      double[] learned = td.learn();

      double[] v = new double[7];
      Arrays.fill(v, 0.1);
      for (Episode e : walk.experienced()) {
        int horizon = e.states().size();
        List<double[]> finals = new ArrayList<>(); // finals.get(h) = V^h_h; V^0_0 = V at the episode's start
        finals.add(v.clone());
        for (int h = 1; h <= horizon; h++) {
          double[] vh = finals.get(0).clone();
          for (int t = 0; t < h; t++) {
            int s = e.states().get(t);
            vh[s] += alpha * (lambdaReturn(e, t, h, gamma, lambda, k -> finals.get(k - 1)) - vh[s]);
          }
          finals.add(vh);
        }
        v = finals.get(horizon);
      }
      for (int s = 0; s < 7; s++) {
        assertThat(learned[s]).as("seed %d, state %d", seed, s).isCloseTo(v[s], within(1e-10));
      }
    }
  }

  @Test
  void trueValuesAreTheLinearSolveAndConvergedTdReachesThem() {
    // The random walk under its uniform policy: v = r + γ P v over the non-terminal states.
    int n = 5;
    double gamma = 0.9;
    double[][] a = new double[n][n + 1]; // augmented [I − γP | r]
    for (int s = 0; s < n; s++) {
      a[s][s] = 1;
      if (s > 0) a[s][s - 1] -= gamma / 2;
      if (s < n - 1) a[s][s + 1] -= gamma / 2;
      a[s][n] = (s == 0 ? -0.5 : 0) + (s == n - 1 ? 0.5 : 0);
    }
    double[] solved = gaussianElimination(a);
    RandomWalk walk = new RandomWalk(new RandomWalkParams(n, -1.0, 1.0));
    assertThat(walk.trueStateValues(gamma)).containsExactly(solved, within(1e-12));

    // Constant-α TD fluctuates around v_π with spread ~√α; average the late estimates.
    double[] mean = new double[n];
    int runs = 20;
    for (long seed = 0; seed < runs; seed++) {
      double[] td = new TdLambda(new TdLambdaParams(0.01, new LambdaReturnParams(gamma, 0.0),
          TdLambdaParams.Trace.ACCUMULATING, 0.0, TdLambdaParams.Update.ONLINE), walk,
          new RecordingContext(seed, new Budget(0, 2_000))).learn();
      double[] trueOnline = new TrueOnlineTdLambda(new TrueOnlineTdLambdaParams(0.01, new LambdaReturnParams(gamma, 0.6), 0.0),
          walk, new RecordingContext(seed, new Budget(0, 2_000))).learn();
      for (int s = 0; s < n; s++) {
        mean[s] += (td[s] + trueOnline[s]) / (2 * runs);
      }
    }
    assertThat(mean).containsExactly(solved, within(0.01));
  }

  private static double[] gaussianElimination(double[][] a) {
    int n = a.length;
    for (int col = 0; col < n; col++) {
      for (int row = col + 1; row < n; row++) {
        double m = a[row][col] / a[col][col];
        for (int k = col; k <= n; k++) {
          a[row][k] -= m * a[col][k];
        }
      }
    }
    double[] x = new double[n];
    for (int row = n - 1; row >= 0; row--) {
      double sum = a[row][n];
      for (int k = row + 1; k < n; k++) {
        sum -= a[row][k] * x[k];
      }
      x[row] = sum / a[row][row];
    }
    return x;
  }
}
