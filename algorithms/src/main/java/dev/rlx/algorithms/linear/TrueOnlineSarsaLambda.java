package dev.rlx.algorithms.linear;

import dev.rlx.algorithms.tabular.EligibilityTraces;
import dev.rlx.algorithms.tabular.EpisodeBudget;
import dev.rlx.api.ContinuousStateEnvironment;
import dev.rlx.api.TrialContext;
import jakarta.inject.Inject;

/**
 * True online SARSA(λ) with binary tile-coded features (Sutton &amp; Barto §12.7, van Seijen et
 * al. 2016): dutch traces plus a correction term make the online updates equal those of the
 * online λ-return algorithm.
 *
 * <pre>
 *   Q = wᵀx,  Q' = wᵀx'                                     (x' = 0 at a terminal S')
 *   δ = R + γQ' − Q
 *   z ← γλ z + (1 − α γλ zᵀx) x                              (dutch trace)
 *   w ← w + α (δ + Q − Q_old) z − α (Q − Q_old) x
 *   Q_old ← Q'
 * </pre>
 *
 * with α = alpha / tilings. Logs {@code charts/episode_length} and {@code charts/episodic_return}.
 */
public final class TrueOnlineSarsaLambda extends LinearControl {

  @Inject
  TrueOnlineSarsaLambda(TrueOnlineSarsaLambdaParams params, ContinuousStateEnvironment env, TrialContext context) {
    super(env, context, params.tiling(), params.epsilon(), params.alpha(), params.gamma(), params.lambda());
  }

  @Override
  void runEpisode(EpisodeBudget budget, LinearActionValues q, double[] z, TileCodedPolicy policy, int a) {
    double[] w = q.weights;
    double qOld = 0;
    while (budget.stepsLeft()) {
      ContinuousStateEnvironment.Step step = step(budget, a);
      int[] x = policy.active(a);
      double qNow = q.value(x);
      double qNext = 0;
      int nextAction = -1;
      if (!step.terminated()) {
        nextAction = policy.next(step.state());
        qNext = policy.nextValue(nextAction);
      }
      double delta = step.reward() + gamma * qNext - qNow;
      double zDotX = 0;
      for (int i : x) {
        zDotX += z[i];
      }
      double dutch = 1 - alpha * gammaLambda * zDotX;
      EligibilityTraces.scale(z, gammaLambda);
      for (int i : x) {
        z[i] += dutch;
      }
      EligibilityTraces.add(w, alpha * (delta + qNow - qOld), z);
      double correction = alpha * (qNow - qOld);
      for (int i : x) {
        w[i] -= correction;
      }
      if (step.done()) {
        break;
      }
      qOld = qNext;
      policy.advance();
      a = nextAction;
    }
  }
}
