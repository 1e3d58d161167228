package dev.rlx.algorithms.dp;

import dev.rlx.api.KnownModel;
import dev.rlx.api.TrialContext;
import jakarta.inject.Inject;

/**
 * Policy iteration (Sutton &amp; Barto §4.3): evaluate the current policy to θ with in-place
 * sweeps of the Bellman expectation backup, make it greedy, repeat until it is stable —
 *
 * <pre>
 *   evaluate:  V(s) ← R(s, π(s)) + γ Σ_s' P(s' | s, π(s)) V(s')
 *   improve:   π(s) ← argmax_a [ R(s, a) + γ Σ_s' P(s' | s, a) V(s') ]
 * </pre>
 *
 * Starts from action 0 everywhere; a tie keeps the current action, so a stable policy stops
 * the loop. Logs {@code dp/policy_changes} per iteration, and {@code dp/iterations},
 * {@code dp/sweeps} (evaluation sweeps in all) and {@code value/mean} at the end.
 */
public final class PolicyIteration extends Planner<PolicyIterationParams> {

  @Inject
  PolicyIteration(PolicyIterationParams params, KnownModel model, TrialContext context) {
    super(params, model, context);
  }

  @Override
  double[] solve() {
    return solve(model, params, context::log);
  }

  static double[] solve(KnownModel model, PolicyIterationParams p, ValueIteration.Log log) {
    double[][][] transitions = model.transitionProbabilities();
    double[][] rewards = model.expectedRewards();
    int n = model.stateCount();
    int[] policy = new int[n];
    double[] v = new double[n];
    long sweeps = 0;
    int iteration = 0;
    boolean stable = false;
    while (!stable && iteration < p.maxIterations()) {
      iteration++;
      double delta = Double.POSITIVE_INFINITY;
      while (delta >= p.theta()) {
        delta = 0;
        sweeps++;
        for (int s = 0; s < n; s++) {
          if (model.isTerminal(s)) {
            continue;
          }
          double value = ValueIteration.backup(rewards[s][policy[s]], transitions[s][policy[s]], v, p.gamma());
          delta = Math.max(delta, Math.abs(value - v[s]));
          v[s] = value;
        }
      }
      int changes = 0;
      for (int s = 0; s < n; s++) {
        if (model.isTerminal(s)) {
          continue;
        }
        int best = policy[s];
        double bestValue = ValueIteration.backup(rewards[s][best], transitions[s][best], v, p.gamma());
        for (int a = 0; a < model.actionCount(); a++) {
          double q = ValueIteration.backup(rewards[s][a], transitions[s][a], v, p.gamma());
          if (q > bestValue + 1e-12) { // strictly better, or the policy could cycle among ties
            best = a;
            bestValue = q;
          }
        }
        if (best != policy[s]) {
          policy[s] = best;
          changes++;
        }
      }
      log.log("dp/policy_changes", iteration, changes);
      stable = changes == 0;
    }
    log.log("dp/iterations", 0, iteration);
    log.log("dp/sweeps", 0, sweeps);
    return v;
  }
}
