package dev.rlx.algorithms.tabular;

import dev.rlx.api.TabularEnvironment;
import dev.rlx.api.TrialContext;
import jakarta.inject.Inject;
import java.util.Arrays;

/**
 * TD(λ) prediction, backward view with eligibility traces (references.md §6.2):
 *
 * <pre>
 *   δ_t   = r_{t+1} + γ V(s_{t+1}) − V(s_t)          (V(terminal) = 0)
 *   e_t(s) = γλ e_{t−1}(s) + 1{s_t = s}             (accumulating; replacing sets it to 1)
 *   V(s)  ← V(s) + α δ_t e_t(s)   for all s
 * </pre>
 *
 * Offline ({@code update: offline}), V is held fixed during the episode and the summed
 * increments α δ_t e_t(s) are applied at its end: then they equal the forward-view updates
 * α Σ_{t: s_t = s} (G_t^λ − V(s)) exactly (references.md §6.2, exercise 3).
 *
 * <p>Follows the environment's evaluation policy and logs, after each episode, the RMS error
 * of V against the environment's true values ({@code rms_error}) and the episode length.
 */
public final class TdLambda extends TabularPrediction {

  private final TdLambdaParams params;
  private final double[] e;
  private final boolean offline;
  private final double[] increments;

  @Inject
  TdLambda(TdLambdaParams params, TabularEnvironment env, TrialContext context) {
    super(env, context, "td-lambda", params.lambdaReturn().gamma(), params.initialValue());
    this.params = params;
    this.e = new double[env.stateCount()];
    this.offline = params.update() == TdLambdaParams.Update.OFFLINE;
    this.increments = offline ? new double[env.stateCount()] : v; // offline: summed here, applied at the episode's end
  }

  @Override
  void runEpisode(EpisodeBudget budget, int s) {
    double gammaLambda = params.lambdaReturn().gammaLambda();
    boolean replacing = params.trace() == TdLambdaParams.Trace.REPLACING;
    Arrays.fill(e, 0.0);
    while (budget.stepsLeft()) {
      TabularEnvironment.Step step = step(budget, s);
      double next = step.terminated() ? 0.0 : v[step.state()];
      double delta = step.reward() + params.lambdaReturn().gamma() * next - v[s];
      EligibilityTraces.scale(e, gammaLambda);
      e[s] = EligibilityTraces.visit(e[s], replacing);
      EligibilityTraces.add(increments, params.alpha() * delta, e);
      if (step.done()) {
        break;
      }
      s = step.state();
    }
    if (offline) {
      for (int i = 0; i < v.length; i++) {
        v[i] += increments[i];
        increments[i] = 0;
      }
    }
  }
}
