package dev.rlx.algorithms.tabular;

import dev.rlx.api.TabularEnvironment;
import dev.rlx.api.TrialContext;
import jakarta.inject.Inject;
import java.util.Arrays;

/**
 * True online TD(λ) (Sutton &amp; Barto §12.5, van Seijen &amp; Sutton 2014): dutch traces and a
 * correction term make every online update equal that of the online λ-return algorithm — the
 * forward view, exactly, at every step rather than only at the end of an episode
 * (references.md §6.2, "Caveat"). With tabular (one-hot) features x(s):
 *
 * <pre>
 *   V = V(S), V' = V(S')                                   (V(terminal) = 0)
 *   δ = R + γV' − V
 *   z ← γλ z + (1 − αγλ z(S)) 1_S                          (dutch trace)
 *   V ← V + α (δ + V − V_old) z − α (V − V_old) 1_S
 *   V_old ← V'
 * </pre>
 *
 * Follows the environment's evaluation policy and logs {@code rms_error} against the true
 * values and {@code charts/episode_length} after each episode.
 */
public final class TrueOnlineTdLambda extends TabularPrediction {

  private final TrueOnlineTdLambdaParams params;
  private final double[] z;

  @Inject
  TrueOnlineTdLambda(TrueOnlineTdLambdaParams params, TabularEnvironment env, TrialContext context) {
    super(env, context, "true-online-td-lambda", params.lambdaReturn().gamma(), params.initialValue());
    this.params = params;
    this.z = new double[env.stateCount()];
  }

  @Override
  void runEpisode(EpisodeBudget budget, int s) {
    double alpha = params.alpha();
    double gammaLambda = params.lambdaReturn().gammaLambda();
    Arrays.fill(z, 0.0);
    double vOld = 0;
    while (budget.stepsLeft()) {
      TabularEnvironment.Step step = step(budget, s);
      double vNow = v[s];
      double vNext = step.terminated() ? 0.0 : v[step.state()];
      double delta = step.reward() + params.lambdaReturn().gamma() * vNext - vNow;
      double dutch = 1 - alpha * gammaLambda * z[s];
      EligibilityTraces.scale(z, gammaLambda);
      z[s] += dutch;
      EligibilityTraces.add(v, alpha * (delta + vNow - vOld), z);
      v[s] -= alpha * (vNow - vOld);
      if (step.done()) {
        break;
      }
      vOld = vNext;
      s = step.state();
    }
  }
}
