package dev.rlx.algorithms.sac;

import dev.rlx.api.Param;

/**
 * The settings SAC and discrete SAC share (references.md §4.3), nested in their parameter
 * records: learning rates (CleanRL's 3e-4 for the policy, 1e-3 for the critics) and the
 * temperature α — fixed, or tuned by dual descent on log α from α = 1 (Adam 3e-4, as in the
 * reference's exercise 2).
 */
public record SoftActorCriticSettings(
    @Param(doc = "Adam learning rate of the policy", defaultValue = "3.0e-4", min = 0, minExclusive = true)
    double policyLr,
    @Param(doc = "Adam learning rate of the twin soft Q critics", defaultValue = "1.0e-3", min = 0, minExclusive = true)
    double qLr,
    @Param(doc = "automatic α: dual descent on log α towards the target entropy; false: α fixed", defaultValue = "true")
    boolean autotune,
    @Param(doc = "the fixed temperature α of the entropy bonus (used when autotune is false)", defaultValue = "0.2",
        min = 0)
    double alpha,
    @Param(doc = "Adam learning rate of log α", defaultValue = "3.0e-4", min = 0, minExclusive = true)
    double alphaLr) {}
