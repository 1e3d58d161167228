package dev.rlx.algorithms.tabular;

import dev.rlx.api.Param;

/**
 * How the tabular control methods explore, declared once and nested ({@link dev.rlx.api.Params}) in
 * the one-step, n-step SARSA and Q(λ) records: the ε-greedy behaviour policy with its schedule, and
 * the initial action value Q₀ (optimistic values explore too). Dyna-Q declares its own ε: it has no
 * schedule.
 */
public record ExplorationParams(
    @Param(doc = "exploration ε of the ε-greedy behaviour policy (its start value under a schedule)", defaultValue = "0.1", min = 0, max = 1)
    double epsilon,
    @Param(doc = "ε schedule: constant, linear decay to epsilon_end, or GLIE ε_k = ε/k per episode", defaultValue = "constant")
    EpsilonSchedule epsilonSchedule,
    @Param(doc = "final ε of the linear schedule", defaultValue = "0.0", min = 0, max = 1)
    double epsilonEnd,
    @Param(doc = "episodes over which the linear schedule decays", defaultValue = "100", min = 1, unit = "episodes")
    int epsilonDecayEpisodes,
    @Param(doc = "initial action value Q₀(s, a)", defaultValue = "0.0")
    double initialValue) {

  /** How ε changes over training. */
  public enum EpsilonSchedule {
    CONSTANT,
    LINEAR,
    GLIE
  }
}
