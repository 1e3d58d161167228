package dev.rlx.algorithms.sac;

import dev.rlx.algorithms.offpolicy.OffPolicySettings;
import dev.rlx.api.Param;
import dev.rlx.api.Params;

/**
 * SAC for continuous actions (references.md §4.3): twin soft Q critics, a tanh-squashed
 * Gaussian policy, target entropy −|A| when α is learned.
 */
public record SacParams(
    @Params OffPolicySettings offPolicy,
    @Params SoftActorCriticSettings soft,
    @Param(doc = "the log(1 − tanh²) change-of-variables term in log π; false: the §4.3 ex. 1 bug", defaultValue = "true")
    boolean tanhCorrection) {}
