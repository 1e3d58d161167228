package dev.rlx.algorithms.tabular;

import dev.rlx.api.TabularEnvironment;
import dev.rlx.api.TrialContext;
import jakarta.inject.Inject;

/**
 * Expected SARSA (references.md §2.1, exercise 2): the sampled Q(s', a') is replaced by its
 * expectation under the ε-greedy policy, removing the variance of sampling a' —
 * <pre>  target = r + γ Σ_a' π(a'|s') Q(s', a')</pre>
 */
public final class ExpectedSarsa extends OneStepTdControl {

  @Inject
  ExpectedSarsa(TdControlParams params, TabularEnvironment env, TrialContext context) {
    super(params, env, context, false,
        (reward, next, available, nextAction, gamma, epsilon) -> reward + gamma * EpsilonGreedy.expectedValue(next, available, epsilon));
  }
}
