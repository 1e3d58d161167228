package dev.rlx.algorithms.dp;

import dev.rlx.api.Algorithm;
import dev.rlx.api.KnownModel;
import dev.rlx.api.TrialContext;

/**
 * What the dynamic-programming planners share: their parameters, the known model they plan
 * with, and the trial, to which a planner reports {@code value/mean} (the mean of its V over
 * the non-terminal states) once {@link #solve} is done.
 *
 * @param <P> the planner's parameter record
 */
abstract class Planner<P> implements Algorithm {

  final P params;
  final KnownModel model;
  final TrialContext context;

  Planner(P params, KnownModel model, TrialContext context) {
    this.params = params;
    this.model = model;
    this.context = context;
  }

  /** V for the model, logging the planner's own diagnostics to the trial as it goes. */
  abstract double[] solve();

  @Override
  public final void train() {
    context.log("value/mean", 0, meanOverNonTerminal(model, solve()));
  }

  /** The mean of V over the non-terminal states: the single number DP trials report. */
  static double meanOverNonTerminal(KnownModel model, double[] v) {
    double sum = 0;
    int count = 0;
    for (int s = 0; s < v.length; s++) {
      if (!model.isTerminal(s)) {
        sum += v[s];
        count++;
      }
    }
    return count == 0 ? 0 : sum / count;
  }
}
