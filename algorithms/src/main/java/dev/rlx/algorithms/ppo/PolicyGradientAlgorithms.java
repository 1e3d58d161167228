package dev.rlx.algorithms.ppo;

import static dev.rlx.api.PluginDescriptor.algorithm;

import com.google.inject.AbstractModule;
import dev.rlx.api.Isolation;
import dev.rlx.api.PluginBindings;
import dev.rlx.api.RlxPlugin;
import dev.rlx.api.VectorEnvironment;

/** Registers the policy-gradient algorithms. */
public final class PolicyGradientAlgorithms extends AbstractModule implements RlxPlugin {

  @Override
  protected void configure() {
    PluginBindings.register(binder(), algorithm(
        "ppo", "PPO: clipped surrogate, GAE advantages, value loss and entropy bonus",
        "rl-reference §3.4, §6.6", PpoParams.class, Ppo.class, VectorEnvironment.class, Isolation.PROCESS));
  }
}
