package dev.rlx.algorithms.tabular;

import dev.rlx.api.Algorithm;
import dev.rlx.api.TabularEnvironment;
import dev.rlx.api.TrialContext;
import jakarta.inject.Inject;

/**
 * Q-learning (rl-reference §2.2): off-policy, so the target evaluates the greedy policy
 * whatever the behaviour policy does —
 * <pre>  target = r + γ max_a' Q(s', a')</pre>
 */
public final class QLearning implements Algorithm {

  private final TdControlParams params;
  private final TabularEnvironment env;
  private final TrialContext context;

  @Inject
  QLearning(TdControlParams params, TabularEnvironment env, TrialContext context) {
    this.params = params;
    this.env = env;
    this.context = context;
  }

  @Override
  public void train() {
    OneStepTdControl.train(params, env, context, false,
        (reward, next, available, nextAction, gamma, epsilon) -> reward + gamma * EpsilonGreedy.max(next, available));
  }
}
