package dev.rlx.algorithms.ddpg;

import dev.rlx.algorithms.offpolicy.ExplorationNoise;
import dev.rlx.algorithms.offpolicy.OffPolicySettings;
import dev.rlx.api.Param;
import dev.rlx.api.Params;

/**
 * DDPG (references.md §4.1): the reference's Pendulum recipe — Gaussian exploration σ 0.1,
 * τ 0.005, batch 256, Adam 1e-4 for the actor and 1e-3 for the critic — or Ornstein–Uhlenbeck
 * noise (θ 0.15, σ 0.2, exercise 2); without target networks for exercise 3.
 */
public record DdpgParams(
    @Params OffPolicySettings offPolicy,
    @Param(doc = "Adam learning rate of the actor", defaultValue = "1.0e-4", min = 0, minExclusive = true)
    double actorLr,
    @Param(doc = "Adam learning rate of the critic", defaultValue = "1.0e-3", min = 0, minExclusive = true)
    double criticLr,
    @Params ExplorationNoise.Settings exploration,
    @Param(doc = "slowly moving target networks μ_θ⁻, Q_φ⁻; false: the target uses the online networks (§4.1 ex. 3)",
        defaultValue = "true")
    boolean targetNetworks) {}
