package dev.rlx.algorithms.tabular;

import dev.rlx.api.TabularEnvironment;
import dev.rlx.api.TrialContext;
import jakarta.inject.Inject;

/**
 * SARSA (references.md §2.1): on-policy, so the target uses the action a' the ε-greedy policy
 * will actually take —
 * <pre>  target = r + γ Q(s', a')</pre>
 */
public final class Sarsa extends OneStepTdControl {

  @Inject
  Sarsa(TdControlParams params, TabularEnvironment env, TrialContext context) {
    super(params, env, context, true,
        (reward, next, available, nextAction, gamma, epsilon) -> reward + gamma * next[nextAction]);
  }
}
