package dev.rlx.algorithms.tabular;

import dev.rlx.api.Param;

/** Dyna-Q and Dyna-Q+ (references.md §5.1, Sutton &amp; Barto §8.2–8.3). */
public record DynaQParams(
    @Param(doc = "step size α", defaultValue = "0.1", min = 0, minExclusive = true, max = 1)
    double alpha,
    @Param(doc = "discount γ", defaultValue = "0.95", min = 0, max = 1)
    double gamma,
    @Param(doc = "exploration ε of the ε-greedy behaviour policy", defaultValue = "0.1", min = 0, max = 1)
    double epsilon,
    @Param(doc = "planning updates n per real step; 0 is plain Q-learning", defaultValue = "5", min = 0, unit = "updates")
    int planningSteps,
    @Param(doc = "Dyna-Q+ exploration bonus κ in r + κ√τ(s, a); 0 disables it", defaultValue = "0.0", min = 0)
    double kappa) {}
