package dev.rlx.algorithms.ppo;

import static dev.rlx.api.PluginDescriptor.algorithm;

import dev.rlx.api.BatchedEnvironment;
import dev.rlx.api.Isolation;
import dev.rlx.api.PluginDescriptor;
import dev.rlx.api.PluginModule;
import dev.rlx.api.VectorEnvironment;
import java.util.List;

/** Registers the policy-gradient algorithms. */
public final class PolicyGradientAlgorithms extends PluginModule {

  @Override
  protected List<PluginDescriptor> plugins() {
    return List.of(
        algorithm("ppo", "PPO: clipped surrogate, GAE advantages, value loss and entropy bonus",
            "references.md §3.4, §6.6", PpoParams.class, Ppo.class, BatchedEnvironment.class, Isolation.PROCESS),
        algorithm("a2c", "A2C: synchronous advantage actor-critic, n-step or GAE advantages, entropy bonus β",
            "references.md §3.2; Mnih et al. 2016", dev.rlx.algorithms.a2c.A2cParams.class,
            dev.rlx.algorithms.a2c.A2c.class, BatchedEnvironment.class, Isolation.PROCESS),
        algorithm("reinforce", "REINFORCE: Monte-Carlo policy gradient, with no baseline, a running mean or a learned V",
            "references.md §3.1; Williams 1992", dev.rlx.algorithms.pg.ReinforceParams.class,
            dev.rlx.algorithms.pg.Reinforce.class, VectorEnvironment.class, Isolation.PROCESS));
  }
}
