package dev.rlx.algorithms.offpolicy;

import dev.rlx.api.Param;

/**
 * The settings DDPG, TD3, SAC and discrete SAC declare alike, nested ({@link dev.rlx.api.Params})
 * in their parameter records: what {@link OffPolicyTraining}'s loop and the networks need.
 * Defaults are CleanRL's for continuous control (256×256 ReLU MLPs, batch 256, τ 0.005), with
 * learning after 5,000 random steps; the replay holds 10⁶ transitions (the reference's DDPG
 * recipe keeps 10⁵, the same for budgets up to 100k steps).
 */
public record OffPolicySettings(
    @Param(doc = "discount γ", defaultValue = "0.99", min = 0, max = 1, maxExclusive = true)
    double gamma,
    @Param(doc = "Polyak τ of the target networks θ⁻ ← τθ + (1 − τ)θ⁻", defaultValue = "0.005", min = 0,
        minExclusive = true, max = 1)
    double tau,
    @Param(doc = "replay buffer capacity", defaultValue = "1000000", min = 1, unit = "transitions")
    int bufferSize,
    @Param(doc = "minibatch size", defaultValue = "256", min = 1)
    int batchSize,
    @Param(doc = "uniformly random actions before learning starts", defaultValue = "5000", min = 0, unit = "steps")
    int learningStarts,
    @Param(doc = "environment steps between gradient updates (1: one update per step)", defaultValue = "1", min = 1,
        unit = "steps")
    int trainFrequency,
    @Param(doc = "hidden units per layer of every 2-layer ReLU MLP (actor and critics)", defaultValue = "256", min = 1)
    int hiddenSize) {}
