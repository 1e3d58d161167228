package dev.rlx.algorithms.tabular;

import dev.rlx.api.TabularEnvironment;
import dev.rlx.api.TrialContext;
import jakarta.inject.Inject;
import java.util.SplittableRandom;

/**
 * Double Q-learning (references.md §2.2 exercise; Sutton &amp; Barto §6.7): two tables; a coin
 * picks which to update, the updated one selects the next action and the other evaluates it,
 * so the same noise never both picks and scores a maximum —
 *
 * <pre>
 *   a* = argmax_a Q1(s', a);   Q1(s, a) ← Q1(s, a) + α [r + γ Q2(s', a*) − Q1(s, a)]   (or 1 ↔ 2)
 * </pre>
 *
 * Behaviour is ε-greedy on Q1 + Q2. Logs as SARSA and Q-learning do.
 */
public final class DoubleQLearning extends TabularControl {

  private final TdControlParams p;
  private final double[][] q1;
  private final double[][] q2;
  private final SplittableRandom coin;

  @Inject
  DoubleQLearning(TdControlParams params, TabularEnvironment env, TrialContext context) {
    super(env, context, 2 * params.exploration().initialValue()); // Q = Q1 + Q2, what the behaviour policy follows
    this.p = params;
    this.q1 = new double[env.stateCount()][env.actionCount()];
    this.q2 = new double[env.stateCount()][env.actionCount()];
    fill(q1, params.exploration().initialValue());
    fill(q2, params.exploration().initialValue());
    this.coin = new SplittableRandom(context.seed()).split();
  }

  @Override
  void runEpisode(EpisodeBudget budget, EpsilonGreedy policy, int s) {
    double epsilon = EpsilonGreedy.epsilon(p.exploration(), budget.episode());
    int a = firstAction(budget, policy, s, epsilon);
    while (budget.stepsLeft()) {
      TabularEnvironment.Step step = step(budget, a);
      boolean first = coin.nextBoolean();
      double[][] update = first ? q1 : q2;
      double[][] evaluate = first ? q2 : q1;
      double target = step.reward();
      if (!step.terminated()) {
        int next = step.state();
        int best = policy.greedy(update[next], env.actionCount(next)); // selected by the table being updated…
        target += p.gamma() * evaluate[next][best]; // …and scored by the other
      }
      update[s][a] += p.alpha() * (target - update[s][a]);
      q[s][a] = q1[s][a] + q2[s][a];
      if (step.done()) {
        break;
      }
      s = step.state();
      a = policy.act(q, s, epsilon);
    }
  }
}
