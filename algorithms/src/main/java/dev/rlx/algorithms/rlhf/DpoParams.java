package dev.rlx.algorithms.rlhf;

import dev.rlx.api.Param;

/**
 * Direct preference optimisation and IPO (rl-reference §7.4) on a fixed set of preference pairs
 * from the task, starting from an SFT warm start whose frozen copy is π_ref.
 */
public record DpoParams(
    @Param(doc = "β: the KL strength, the temperature of the implicit reward β·log π_θ/π_ref", defaultValue = "0.1",
        min = 0, minExclusive = true)
    double beta,
    @Param(doc = "dpo: −log σ(β h); ipo: (h − 1/(2β))² (Azar et al. 2023), h the log-ratio margin",
        defaultValue = "dpo", allowed = {"dpo", "ipo"})
    String loss,
    @Param(doc = "where the pairs' responses come from: two samples of π_ref per prompt ranked by the task's annotator "
        + "(on-policy preference data, as DPO's is collected), or the task's own synthetic pairs", defaultValue = "reference",
        allowed = {"reference", "task"})
    String pairs,
    @Param(doc = "Adam learning rate", defaultValue = "1.0e-4", min = 0, minExclusive = true)
    double lr,
    @Param(doc = "preference pairs per gradient step", defaultValue = "32", min = 1)
    int batchSize,
    @Param(doc = "preference pairs in the fixed training set (drawn once; the budget's examples cycle over it in epochs)",
        defaultValue = "1024", min = 1)
    int datasetSize,
    @Param(doc = "global gradient-norm clip", defaultValue = "1.0", min = 0, minExclusive = true)
    double maxGradNorm,
    @Param(doc = "SFT warm-start steps on the task's demonstrations (the reference model π_ref)", defaultValue = "400",
        min = 0, unit = "updates")
    int sftSteps,
    @Param(doc = "SFT warm-start learning rate", defaultValue = "1.0e-3", min = 0, minExclusive = true)
    double sftLr,
    @Param(doc = "held-out prompts per evaluation", defaultValue = "128", min = 1)
    int evalPrompts,
    @Param(doc = "transformer width d_model", defaultValue = "64", min = 8)
    int dModel,
    @Param(doc = "transformer layers", defaultValue = "2", min = 1, max = 8)
    int nLayers,
    @Param(doc = "attention heads (must divide d_model)", defaultValue = "4", min = 1)
    int nHeads) {}
