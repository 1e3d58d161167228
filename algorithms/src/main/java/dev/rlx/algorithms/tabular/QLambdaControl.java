package dev.rlx.algorithms.tabular;

import dev.rlx.api.TabularEnvironment;
import dev.rlx.api.TrialContext;

/**
 * What Watkins's and Peng's Q(λ) share (references.md §6.4): Q-learning's target, traces e over
 * (s, a) cleared at each episode's start and decayed by γλ, and ε per episode from the schedule.
 */
abstract class QLambdaControl extends TabularControl {

  final QLambdaParams params;
  final double gammaLambda;
  /** e(s, a). */
  final double[][] e;

  QLambdaControl(QLambdaParams params, TabularEnvironment env, TrialContext context) {
    super(env, context, params.exploration().initialValue());
    this.params = params;
    this.gammaLambda = params.gamma() * params.lambda();
    this.e = new double[env.stateCount()][env.actionCount()];
  }

  /** Clears the traces for a new episode and returns its ε. */
  double beginEpisode(EpisodeBudget budget) {
    EligibilityTraces.clear(e);
    return EpsilonGreedy.epsilon(params.exploration(), budget.episode());
  }
}
