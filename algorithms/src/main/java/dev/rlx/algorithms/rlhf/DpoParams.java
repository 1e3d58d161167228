package dev.rlx.algorithms.rlhf;

import dev.rlx.api.Param;
import dev.rlx.api.Params;

/**
 * Direct preference optimisation and IPO (references.md §7.4) on a fixed set of preference pairs
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
    @Params LmParams lm) {}
