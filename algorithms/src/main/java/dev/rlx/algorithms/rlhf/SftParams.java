package dev.rlx.algorithms.rlhf;

import dev.rlx.api.Param;
import dev.rlx.api.Params;

/**
 * Supervised fine-tuning (references.md §7.1, stage 1) on the task's demonstrations, whose
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
    @Params TransformerParams transformer) {}
