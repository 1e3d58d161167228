package dev.rlx.algorithms.deep;

import dev.rlx.api.Param;

/**
 * The settings PPO and A2C declare alike, nested ({@link dev.rlx.api.Params}) in their parameter
 * records: the learning-rate schedule, the MLPs' width and initialisation, and the observation and
 * reward normalisation — the implementation details {@link OnPolicyTraining} applies to both.
 */
public record OnPolicyDetails(
    @Param(doc = "linearly anneal the learning rate to 0", defaultValue = "false")
    boolean annealLr,
    @Param(doc = "hidden units per layer of the 2-layer tanh MLPs", defaultValue = "64", min = 1)
    int hiddenSize,
    @Param(doc = "orthogonal init (gain √2 hidden, 0.01 policy head, 1 value head)", defaultValue = "true")
    boolean orthogonalInit,
    @Param(doc = "running mean/std observation normalisation", defaultValue = "false")
    boolean normalizeObs,
    @Param(doc = "scale rewards by 1/std of discounted returns", defaultValue = "false")
    boolean scaleRewards) {}
