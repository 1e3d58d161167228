package dev.rlx.algorithms.dp;

import dev.rlx.api.KnownModel;
import dev.rlx.api.TrialContext;
import jakarta.inject.Inject;

/**
 * Value iteration (references.md §0.2): sweep the Bellman optimality backup until the largest
 * change is below θ —
 *
 * <pre>  V(s) ← max_a [ R(s, a) + γ Σ_s' P(s' | s, a) V(s') ]</pre>
 *
 * synchronously (every backup reads the previous sweep's V) or in place (reads the newest V;
 * usually fewer sweeps). Plans with the model, so the trial's budget does not apply. Logs
 * {@code dp/max_delta} per sweep (also as {@code dp/max_residual} against the number of backups,
 * to compare with prioritised sweeping), and {@code dp/sweeps}, {@code dp/backups} and
 * {@code value/mean} (mean V* over non-terminal states) at the end.
 */
public final class ValueIteration extends Planner<ValueIterationParams> {

  @Inject
  ValueIteration(ValueIterationParams params, KnownModel model, TrialContext context) {
    super(params, model, context);
  }

  @Override
  double[] solve() {
    return solve(model, params, context::log);
  }

  /** Receives per-sweep diagnostics. */
  interface Log {
    void log(String key, long step, double value);
  }

  /** V* by value iteration. */
  static double[] solve(KnownModel model, ValueIterationParams p, Log log) {
    double[][][] transitions = model.transitionProbabilities();
    double[][] rewards = model.expectedRewards();
    int n = model.stateCount();
    double[] v = new double[n];
    double[] previous = new double[n];
    long backups = 0;
    int sweep = 0;
    double delta = Double.POSITIVE_INFINITY;
    while (delta >= p.theta() && sweep < p.maxSweeps()) {
      sweep++;
      delta = 0;
      double[] source = p.inPlace() ? v : previous;
      if (!p.inPlace()) {
        System.arraycopy(v, 0, previous, 0, n);
      }
      for (int s = 0; s < n; s++) {
        if (model.isTerminal(s)) {
          continue;
        }
        double best = Double.NEGATIVE_INFINITY;
        for (int a = 0; a < model.actionCount(); a++) {
          best = Math.max(best, backup(rewards[s][a], transitions[s][a], source, p.gamma()));
        }
        backups++;
        delta = Math.max(delta, Math.abs(best - v[s]));
        v[s] = best;
      }
      log.log("dp/max_delta", sweep, delta);
      log.log("dp/max_residual", backups, delta);
    }
    log.log("dp/sweeps", 0, sweep);
    log.log("dp/backups", 0, backups);
    return v;
  }

  /** R(s, a) + γ Σ_s' P(s' | s, a) V(s'). */
  static double backup(double reward, double[] next, double[] v, double gamma) {
    double expected = 0;
    for (int s2 = 0; s2 < next.length; s2++) {
      expected += next[s2] * v[s2];
    }
    return reward + gamma * expected;
  }
}
