package dev.rlx.algorithms.tabular;

import dev.rlx.api.Param;

/** n-step SARSA (rl-reference §6.1 exercise 1; Sutton &amp; Barto §7.2). */
public record NStepSarsaParams(
    @Param(doc = "step size α", defaultValue = "0.1", min = 0, minExclusive = true, max = 1)
    double alpha,
    @Param(doc = "discount γ", defaultValue = "0.99", min = 0, max = 1)
    double gamma,
    @Param(doc = "exploration ε of the ε-greedy behaviour policy (its start value under a schedule)", defaultValue = "0.1", min = 0, max = 1)
    double epsilon,
    @Param(doc = "ε schedule: constant, linear decay to epsilon_end, or GLIE ε_k = ε/k per episode", defaultValue = "constant")
    TdControlParams.EpsilonSchedule epsilonSchedule,
    @Param(doc = "final ε of the linear schedule", defaultValue = "0.0", min = 0, max = 1)
    double epsilonEnd,
    @Param(doc = "episodes over which the linear schedule decays", defaultValue = "100", min = 1, unit = "episodes")
    int epsilonDecayEpisodes,
    @Param(doc = "initial action value Q₀(s, a)", defaultValue = "0.0")
    double initialValue,
    @Param(doc = "number of steps n in the target G_{t:t+n}; 1 is SARSA", defaultValue = "4", min = 1, unit = "steps")
    int n) {

  /** The ε-greedy part, in the form {@link EpsilonGreedy#epsilon} reads. */
  TdControlParams control() {
    return new TdControlParams(alpha, gamma, epsilon, epsilonSchedule, epsilonEnd, epsilonDecayEpisodes, initialValue);
  }
}
