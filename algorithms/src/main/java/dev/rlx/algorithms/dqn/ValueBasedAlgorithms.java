package dev.rlx.algorithms.dqn;

import static dev.rlx.api.PluginDescriptor.algorithm;

import com.google.inject.AbstractModule;
import dev.rlx.api.Isolation;
import dev.rlx.api.PluginBindings;
import dev.rlx.api.RlxPlugin;
import dev.rlx.api.VectorEnvironment;

/** Registers the value-based deep algorithms. */
public final class ValueBasedAlgorithms extends AbstractModule implements RlxPlugin {

  @Override
  protected void configure() {
    PluginBindings.register(binder(), algorithm(
        "dqn", "DQN: Q-learning with a replay buffer and a target network",
        "rl-reference §2.3", DqnParams.class, Dqn.class, VectorEnvironment.class, Isolation.PROCESS));
    PluginBindings.register(binder(), algorithm(
        "double-dqn", "Double DQN: the online net selects a', the target net evaluates it",
        "rl-reference §2.4", DqnParams.class, DoubleDqn.class, VectorEnvironment.class, Isolation.PROCESS));
  }
}
