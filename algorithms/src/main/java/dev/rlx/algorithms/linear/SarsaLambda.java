package dev.rlx.algorithms.linear;

import dev.rlx.algorithms.tabular.EligibilityTraces;
import dev.rlx.algorithms.tabular.EpisodeBudget;
import dev.rlx.api.ContinuousStateEnvironment;
import dev.rlx.api.TrialContext;
import jakarta.inject.Inject;

/**
 * SARSA(λ) with binary tile-coded features and linear function approximation
 * (references.md §6.3; Sutton &amp; Barto §12.7, the algorithm box of Fig. 12.10):
 *
 * <pre>
 *   δ   = R + γ wᵀx(S', A') − wᵀx(S, A)                       (no bootstrap at a terminal S')
 *   z_i = z_i + 1 (accumulating) or 1 (replacing)   for the active features i of (S, A)
 *   w   ← w + α δ z,   then   z ← γλ z
 * </pre>
 *
 * with α = alpha / tilings. Logs {@code charts/episode_length} (steps to the goal, the y-axis of
 * Fig. 12.10) and {@code charts/episodic_return} per episode.
 */
public final class SarsaLambda extends LinearControl {

  private final boolean replacing;

  @Inject
  SarsaLambda(SarsaLambdaParams params, ContinuousStateEnvironment env, TrialContext context) {
    super(env, context, params.tiling(), params.epsilon(), params.alpha(), params.gamma(), params.lambda());
    this.replacing = params.trace() == SarsaLambdaParams.Trace.REPLACING;
  }

  @Override
  void runEpisode(EpisodeBudget budget, LinearActionValues q, double[] z, TileCodedPolicy policy, int a) {
    double[] w = q.weights;
    while (budget.stepsLeft()) {
      ContinuousStateEnvironment.Step step = step(budget, a);
      double delta = step.reward() - q.value(policy.active(a));
      for (int i : policy.active(a)) {
        z[i] = EligibilityTraces.visit(z[i], replacing);
      }
      int nextAction = -1;
      if (!step.terminated()) {
        nextAction = policy.next(step.state());
        delta += gamma * policy.nextValue(nextAction);
      }
      EligibilityTraces.add(w, alpha * delta, z);
      EligibilityTraces.scale(z, gammaLambda);
      if (step.done()) {
        break;
      }
      policy.advance();
      a = nextAction;
    }
  }
}
