package dev.rlx.algorithms.dp;

import dev.rlx.api.Param;

/** Value iteration (references.md §0.2). */
public record ValueIterationParams(
    @Param(doc = "discount γ (1 is fine where every policy reaches a terminal state)", defaultValue = "1.0", min = 0, max = 1)
    double gamma,
    @Param(doc = "stop when the largest change in a sweep is below θ", defaultValue = "1.0e-10", min = 0, minExclusive = true)
    double theta,
    @Param(doc = "update V in place during a sweep (Gauss–Seidel) rather than from the previous sweep's copy", defaultValue = "true")
    boolean inPlace,
    @Param(doc = "give up after this many sweeps", defaultValue = "100000", min = 1, unit = "sweeps")
    int maxSweeps) {}
