package dev.rlx.algorithms.dp;

import dev.rlx.api.Param;

/** Policy iteration (Sutton &amp; Barto §4.3). */
public record PolicyIterationParams(
    @Param(doc = "discount γ (policy evaluation needs γ < 1 or policies that all terminate)", defaultValue = "0.95", min = 0, max = 1)
    double gamma,
    @Param(doc = "policy evaluation stops when the largest change in a sweep is below θ", defaultValue = "1.0e-10", min = 0, minExclusive = true)
    double theta,
    @Param(doc = "give up after this many improvement steps", defaultValue = "1000", min = 1)
    int maxIterations) {}
