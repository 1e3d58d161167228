package dev.rlx.algorithms.dp;

import static dev.rlx.api.PluginDescriptor.algorithm;

import dev.rlx.api.Isolation;
import dev.rlx.api.KnownModel;
import dev.rlx.api.PluginDescriptor;
import dev.rlx.api.PluginModule;
import java.util.List;

/** Registers the dynamic-programming planners. */
public final class DynamicProgramming extends PluginModule {

  @Override
  protected List<PluginDescriptor> plugins() {
    return List.of(
        algorithm("value-iteration", "value iteration with the known model, synchronous or in place",
            "references.md §0.2; Sutton & Barto §4.4", ValueIterationParams.class, ValueIteration.class,
            KnownModel.class, Isolation.THREAD),
        algorithm("policy-iteration", "policy iteration: evaluate to θ, improve greedily, until the policy is stable",
            "Sutton & Barto §4.3", PolicyIterationParams.class, PolicyIteration.class, KnownModel.class, Isolation.THREAD),
        algorithm("prioritized-sweeping", "asynchronous value iteration backing up the state of largest Bellman residual first",
            "references.md §0.2, exercise 3; Moore & Atkeson 1993", PrioritizedSweepingParams.class,
            PrioritizedSweeping.class, KnownModel.class, Isolation.THREAD));
  }
}
