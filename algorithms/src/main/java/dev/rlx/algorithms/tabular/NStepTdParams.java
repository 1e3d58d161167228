package dev.rlx.algorithms.tabular;

import dev.rlx.api.Param;

/** n-step TD prediction (references.md §6.1, Sutton &amp; Barto §7.1). */
public record NStepTdParams(
    @Param(doc = "step size α", defaultValue = "0.1", min = 0, minExclusive = true, max = 1)
    double alpha,
    @Param(doc = "discount γ", defaultValue = "1.0", min = 0, max = 1)
    double gamma,
    @Param(doc = "number of steps n in the target G_{t:t+n}", defaultValue = "4", min = 1, unit = "steps")
    int n,
    @Param(doc = "initial value estimate V₀(s) of every non-terminal state", defaultValue = "0.0")
    double initialValue) {}
