package dev.rlx.algorithms.tabular;

import dev.rlx.api.TabularEnvironment;
import dev.rlx.api.TrialContext;
import jakarta.inject.Inject;

/**
 * Q-learning (references.md §2.2): off-policy, so the target evaluates the greedy policy
 * whatever the behaviour policy does —
 * <pre>  target = r + γ max_a' Q(s', a')</pre>
 */
public final class QLearning extends OneStepTdControl {

  @Inject
  QLearning(TdControlParams params, TabularEnvironment env, TrialContext context) {
    super(params, env, context, false,
        (reward, next, available, nextAction, gamma, epsilon) -> reward + gamma * EpsilonGreedy.max(next, available));
  }
}
