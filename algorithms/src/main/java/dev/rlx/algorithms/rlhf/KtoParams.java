package dev.rlx.algorithms.rlhf;

import dev.rlx.api.Param;
import dev.rlx.api.Params;

/**
 * KTO (references.md §7.5) on a fixed set of responses labelled desirable or undesirable, whose
 * class balance the task controls ({@code desirable_fraction}); from an SFT warm start as π_ref.
 * The responses are π_ref's own samples labelled by the task's verifier, or the task's synthetic ones.
 */
public record KtoParams(
    @Param(doc = "β of the implicit reward r_θ = β log π_θ/π_ref and of the sigmoid (the reference's equation: "
        + "β appears twice, so the paper's β is this β²)", defaultValue = "0.1", min = 0, minExclusive = true)
    double beta,
    @Param(doc = "λ_D: weight of the desirable examples' loss", defaultValue = "1.0", min = 0, minExclusive = true)
    double lambdaD,
    @Param(doc = "λ_U: weight of the undesirable examples' loss", defaultValue = "1.0", min = 0, minExclusive = true)
    double lambdaU,
    @Param(doc = "where the labelled responses come from: samples of π_ref labelled by the task's annotator (thumbs "
        + "up iff correct) and drawn to the task's desirable_fraction, as KTO's data is collected; pairs of π_ref "
        + "samples ranked by the annotator, winners desirable and losers undesirable, thinned to desirable_fraction "
        + "(a preference dataset converted, references.md §7.5 ex. 1); or the task's own synthetic responses (corrupted "
        + "answers as the undesirable ones)", defaultValue = "reference", allowed = {"reference", "pairs", "task"})
    String responses,
    @Param(doc = "Adam learning rate", defaultValue = "3.0e-4", min = 0, minExclusive = true)
    double lr,
    @Param(doc = "labelled responses per gradient step", defaultValue = "32", min = 2)
    int batchSize,
    @Param(doc = "labelled responses in the fixed training set (drawn once; the budget cycles over it in epochs)",
        defaultValue = "1024", min = 1)
    int datasetSize,
    @Params LmParams lm) {}
