package dev.rlx.algorithms.dqn;

import static dev.rlx.api.PluginDescriptor.algorithm;

import dev.rlx.api.Isolation;
import dev.rlx.api.PluginDescriptor;
import dev.rlx.api.PluginModule;
import dev.rlx.api.VectorEnvironment;
import java.util.List;

/** Registers the value-based deep algorithms. */
public final class ValueBasedAlgorithms extends PluginModule {

  @Override
  protected List<PluginDescriptor> plugins() {
    return List.of(
        algorithm("dqn", "DQN: Q-learning with a replay buffer and a target network",
            "references.md §2.3", DqnParams.class, Dqn.class, VectorEnvironment.class, Isolation.PROCESS),
        algorithm("double-dqn", "Double DQN: the online net selects a', the target net evaluates it",
            "references.md §2.4", DqnParams.class, DoubleDqn.class, VectorEnvironment.class, Isolation.PROCESS));
  }
}
