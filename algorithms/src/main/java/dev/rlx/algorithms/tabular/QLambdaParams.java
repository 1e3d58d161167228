package dev.rlx.algorithms.tabular;

import dev.rlx.api.Param;
import dev.rlx.api.Params;

/** Watkins's and Peng's Q(λ): Q-learning with eligibility traces over (s, a) (references.md §6.4). */
public record QLambdaParams(
    @Param(doc = "step size α", defaultValue = "0.1", min = 0, minExclusive = true, max = 1)
    double alpha,
    @Param(doc = "discount γ", defaultValue = "0.99", min = 0, max = 1)
    double gamma,
    @Param(doc = "trace decay λ: 0 is one-step Q-learning", defaultValue = "0.9", min = 0, max = 1)
    double lambda,
    @Param(doc = "accumulating (e(s, a) += 1) or replacing (e(s, a) = 1) traces", defaultValue = "accumulating")
    TdLambdaParams.Trace trace,
    @Params ExplorationParams exploration) {

  /** e(s, a) after a visit: e + 1 (accumulating) or 1 (replacing). */
  double visit(double trace) {
    return EligibilityTraces.visit(trace, this.trace == TdLambdaParams.Trace.REPLACING);
  }
}
