package dev.rlx.algorithms.tabular;

import dev.rlx.api.Param;

/** Watkins's and Peng's Q(λ): Q-learning with eligibility traces over (s, a) (rl-reference §6.4). */
public record QLambdaParams(
    @Param(doc = "step size α", defaultValue = "0.1", min = 0, minExclusive = true, max = 1)
    double alpha,
    @Param(doc = "discount γ", defaultValue = "0.99", min = 0, max = 1)
    double gamma,
    @Param(doc = "trace decay λ: 0 is one-step Q-learning", defaultValue = "0.9", min = 0, max = 1)
    double lambda,
    @Param(doc = "accumulating (e(s, a) += 1) or replacing (e(s, a) = 1) traces", defaultValue = "accumulating")
    TdLambdaParams.Trace trace,
    @Param(doc = "exploration ε of the ε-greedy behaviour policy (its start value under a schedule)", defaultValue = "0.1", min = 0, max = 1)
    double epsilon,
    @Param(doc = "ε schedule: constant, linear decay to epsilon_end, or GLIE ε_k = ε/k per episode", defaultValue = "constant")
    TdControlParams.EpsilonSchedule epsilonSchedule,
    @Param(doc = "final ε of the linear schedule", defaultValue = "0.0", min = 0, max = 1)
    double epsilonEnd,
    @Param(doc = "episodes over which the linear schedule decays", defaultValue = "100", min = 1, unit = "episodes")
    int epsilonDecayEpisodes,
    @Param(doc = "initial action value Q₀(s, a)", defaultValue = "0.0")
    double initialValue) {

  /** The ε-greedy part, in the form {@link EpsilonGreedy#epsilon} reads. */
  TdControlParams control() {
    return new TdControlParams(alpha, gamma, epsilon, epsilonSchedule, epsilonEnd, epsilonDecayEpisodes, initialValue);
  }

  /** e(s, a) after a visit: e + 1 (accumulating) or 1 (replacing). */
  double visit(double trace) {
    return EligibilityTraces.visit(trace, this.trace == TdLambdaParams.Trace.REPLACING);
  }
}
