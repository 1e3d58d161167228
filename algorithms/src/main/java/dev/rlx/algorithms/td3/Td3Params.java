package dev.rlx.algorithms.td3;

import dev.rlx.algorithms.offpolicy.ExplorationNoise;
import dev.rlx.algorithms.offpolicy.OffPolicySettings;
import dev.rlx.api.Param;
import dev.rlx.api.Params;

/**
 * TD3 (references.md §4.2): the reference's recipe — twin critics, target-policy noise σ̃ 0.2
 * clipped at c 0.5, actor and targets updated every d = 2 critic steps — with CleanRL's
 * learning rates (Adam 3e-4 for both) and Gaussian exploration σ 0.1. Each trick switches off
 * on its own for the §4.2 exercise 2 ablation; all three off is DDPG's update.
 */
public record Td3Params(
    @Params OffPolicySettings offPolicy,
    @Param(doc = "Adam learning rate of the actor", defaultValue = "3.0e-4", min = 0, minExclusive = true)
    double actorLr,
    @Param(doc = "Adam learning rate of the critics", defaultValue = "3.0e-4", min = 0, minExclusive = true)
    double criticLr,
    @Params ExplorationNoise.Settings exploration,
    @Param(doc = "clipped double Q: the target takes min(Q_φ1⁻, Q_φ2⁻); false: one critic", defaultValue = "true")
    boolean twinCritics,
    @Param(doc = "target-policy smoothing: clipped noise on μ_θ⁻(s') before Q evaluates it", defaultValue = "true")
    boolean targetSmoothing,
    @Param(doc = "σ̃ of the target-policy noise, in units of half the action range", defaultValue = "0.2", min = 0)
    double policyNoise,
    @Param(doc = "clip c of the target-policy noise, ε ~ clip(N(0, σ̃), −c, c)", defaultValue = "0.5", min = 0)
    double noiseClip,
    @Param(doc = "d: actor and targets update once every d critic updates (1: no delay)", defaultValue = "2", min = 1,
        unit = "updates")
    int policyDelay) {}
