package dev.rlx.algorithms.tabular;

import dev.rlx.api.Param;
import dev.rlx.api.Params;

/** n-step SARSA (references.md §6.1 exercise 1; Sutton &amp; Barto §7.2). */
public record NStepSarsaParams(
    @Param(doc = "step size α", defaultValue = "0.1", min = 0, minExclusive = true, max = 1)
    double alpha,
    @Param(doc = "discount γ", defaultValue = "0.99", min = 0, max = 1)
    double gamma,
    @Params ExplorationParams exploration,
    @Param(doc = "number of steps n in the target G_{t:t+n}; 1 is SARSA", defaultValue = "4", min = 1, unit = "steps")
    int n) {}
