package dev.rlx.algorithms.rlhf;

import dev.rlx.api.Param;
import dev.rlx.api.Params;

/**
 * A Bradley–Terry (or margin) reward model (references.md §7.2): the SFT model with a scalar head
 * on its last token's hidden state, fit to a fixed set of the task's preference pairs, whose
 * label noise the task controls ({@code label_noise}).
 */
public record RewardModelParams(
    @Param(doc = "bradley_terry: −log σ(r_w − r_l); hinge: max(0, m − (r_w − r_l))", defaultValue = "bradley_terry",
        allowed = {"bradley_terry", "hinge"})
    String loss,
    @Param(doc = "m: the hinge loss's margin", defaultValue = "1.0", min = 0)
    double margin,
    @Param(doc = "Adam learning rate", defaultValue = "3.0e-4", min = 0, minExclusive = true)
    double lr,
    @Param(doc = "preference pairs per gradient step", defaultValue = "32", min = 1)
    int batchSize,
    @Param(doc = "preference pairs in the fixed training set (drawn once; the budget cycles over it in epochs)",
        defaultValue = "1024", min = 1)
    int datasetSize,
    @Param(doc = "held-out pairs, ordered by the task's true reward, that eval/pairwise_accuracy is measured on",
        defaultValue = "512", min = 1)
    int evalPairs,
    @Param(doc = "global gradient-norm clip", defaultValue = "1.0", min = 0, minExclusive = true)
    double maxGradNorm,
    @Param(doc = "SFT warm-start steps the reward model is initialised from (0: from scratch)", defaultValue = "400",
        min = 0, unit = "updates")
    int sftSteps,
    @Param(doc = "SFT warm-start learning rate", defaultValue = "1.0e-3", min = 0, minExclusive = true)
    double sftLr,
    @Params TransformerParams transformer) {}
