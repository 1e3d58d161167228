package dev.rlx.algorithms.rlhf;

import dev.rlx.api.Param;

/**
 * Supervised fine-tuning (rl-reference §7.1, stage 1) on the task's demonstrations, whose
 * quality the task controls ({@code demo_quality}).
 */
public record SftParams(
    @Param(doc = "Adam learning rate", defaultValue = "1.0e-3", min = 0, minExclusive = true)
    double lr,
    @Param(doc = "demonstrations per gradient step", defaultValue = "32", min = 1)
    int batchSize,
    @Param(doc = "global gradient-norm clip", defaultValue = "1.0", min = 0, minExclusive = true)
    double maxGradNorm,
    @Param(doc = "held-out prompts per evaluation", defaultValue = "128", min = 1)
    int evalPrompts,
    @Param(doc = "transformer width d_model", defaultValue = "64", min = 8)
    int dModel,
    @Param(doc = "transformer layers", defaultValue = "2", min = 1, max = 8)
    int nLayers,
    @Param(doc = "attention heads (must divide d_model)", defaultValue = "4", min = 1)
    int nHeads) {}
