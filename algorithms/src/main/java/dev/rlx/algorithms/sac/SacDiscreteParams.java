package dev.rlx.algorithms.sac;

import dev.rlx.algorithms.offpolicy.OffPolicySettings;
import dev.rlx.api.Param;
import dev.rlx.api.Params;

/** Discrete SAC (references.md §4.3, exercise 3): a categorical policy; target entropy scale · log|A|. */
public record SacDiscreteParams(
    @Params OffPolicySettings offPolicy,
    @Params SoftActorCriticSettings soft,
    @Param(doc = "target entropy H_target = scale · log|A| (log|A| is the uniform policy's entropy)",
        defaultValue = "0.98", min = 0, max = 1)
    double targetEntropyScale) {}
