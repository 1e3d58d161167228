package dev.rlx.algorithms.offpolicy.plugins;

import static dev.rlx.api.PluginDescriptor.algorithm;

import dev.rlx.algorithms.ddpg.Ddpg;
import dev.rlx.algorithms.ddpg.DdpgParams;
import dev.rlx.algorithms.sac.Sac;
import dev.rlx.algorithms.sac.SacDiscrete;
import dev.rlx.algorithms.sac.SacDiscreteParams;
import dev.rlx.algorithms.sac.SacParams;
import dev.rlx.algorithms.td3.Td3;
import dev.rlx.algorithms.td3.Td3Params;
import dev.rlx.api.ContinuousActionVectorEnvironment;
import dev.rlx.api.Isolation;
import dev.rlx.api.PluginDescriptor;
import dev.rlx.api.PluginModule;
import dev.rlx.api.VectorEnvironment;
import java.util.List;

/**
 * Registers the off-policy actor-critic family (references.md §4), which shares
 * {@link dev.rlx.algorithms.offpolicy.OffPolicyTraining}'s loop. A package of its own, so that
 * the family's shared pieces do not depend on the algorithms built on them.
 */
public final class OffPolicyAlgorithms extends PluginModule {

  @Override
  protected List<PluginDescriptor> plugins() {
    return List.of(
        algorithm("ddpg", "DDPG: deterministic actor, critic, Polyak targets, Gaussian or OU exploration noise",
            "references.md §4.1", DdpgParams.class, Ddpg.class, ContinuousActionVectorEnvironment.class,
            Isolation.PROCESS),
        algorithm("td3", "TD3: twin critics, target-policy smoothing, delayed actor updates (each switchable)",
            "references.md §4.2", Td3Params.class, Td3.class, ContinuousActionVectorEnvironment.class,
            Isolation.PROCESS),
        algorithm("sac", "SAC: tanh-squashed Gaussian, twin soft Q critics, fixed or automatic temperature α",
            "references.md §4.3", SacParams.class, Sac.class, ContinuousActionVectorEnvironment.class,
            Isolation.PROCESS),
        algorithm("sac-discrete", "Discrete SAC: categorical policy, closed-form expectations over actions",
            "references.md §4.3", SacDiscreteParams.class, SacDiscrete.class, VectorEnvironment.class,
            Isolation.PROCESS));
  }
}
