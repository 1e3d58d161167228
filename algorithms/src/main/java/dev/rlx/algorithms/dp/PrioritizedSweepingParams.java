package dev.rlx.algorithms.dp;

import dev.rlx.api.Param;

/** Prioritised sweeping over a known model (references.md §0.2, exercise 3; Moore &amp; Atkeson 1993). */
public record PrioritizedSweepingParams(
    @Param(doc = "discount γ (1 is fine where every policy reaches a terminal state)", defaultValue = "1.0", min = 0, max = 1)
    double gamma,
    @Param(doc = "stop when every state's Bellman residual is below θ", defaultValue = "1.0e-10", min = 0, minExclusive = true)
    double theta,
    @Param(doc = "give up after this many Bellman backups", defaultValue = "100000000", min = 1, unit = "backups")
    long maxBackups) {}
