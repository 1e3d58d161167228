package dev.rlx.algorithms.tabular;

import dev.rlx.api.Algorithm;
import dev.rlx.api.TabularEnvironment;
import dev.rlx.api.TrialContext;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Double Q-learning (rl-reference §2.2 exercise; Sutton &amp; Barto §6.7): two tables; a coin
 * picks which to update, the updated one selects the next action and the other evaluates it,
 * so the same noise never both picks and scores a maximum —
 *
 * <pre>
 *   a* = argmax_a Q1(s', a);   Q1(s, a) ← Q1(s, a) + α [r + γ Q2(s', a*) − Q1(s, a)]   (or 1 ↔ 2)
 * </pre>
 *
 * Behaviour is ε-greedy on Q1 + Q2. Logs as SARSA and Q-learning do.
 */
public final class DoubleQLearning implements Algorithm {

  private final TdControlParams p;
  private final TabularEnvironment env;
  private final TrialContext context;

  @Inject
  DoubleQLearning(TdControlParams params, TabularEnvironment env, TrialContext context) {
    this.p = params;
    this.env = env;
    this.context = context;
  }

  @Override
  public void train() {
    int states = env.stateCount();
    int actions = env.actionCount();
    double[][] q1 = new double[states][actions];
    double[][] q2 = new double[states][actions];
    double[][] sum = new double[states][actions]; // Q1 + Q2, what the behaviour policy follows
    for (double[][] table : new double[][][] {q1, q2, sum}) {
      for (double[] row : table) {
        Arrays.fill(row, table == sum ? 2 * p.initialValue() : p.initialValue());
      }
    }
    EpsilonGreedy policy = new EpsilonGreedy(new SplittableRandom(context.seed()), env);
    SplittableRandom coin = new SplittableRandom(context.seed()).split();
    long episodes = context.budget().maxEpisodes();
    long stepBudget = context.budget().maxEnvSteps();
    long steps = 0;
    env.reset(context.seed());
    for (long episode = 1; episode <= episodes && steps < stepBudget && !context.isCancelled(); episode++) {
      double epsilon = EpsilonGreedy.epsilon(p, episode);
      int s = env.reset();
      int a = policy.act(sum, s, epsilon);
      context.log("charts/first_action_0", episode, a == 0 ? 1 : 0);
      double episodicReturn = 0;
      long length = 0;
      while (steps < stepBudget) {
        TabularEnvironment.Step step = env.step(a);
        steps++;
        length++;
        episodicReturn += step.reward();
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
        sum[s][a] = q1[s][a] + q2[s][a];
        if (step.done()) {
          break;
        }
        s = step.state();
        a = policy.act(sum, s, epsilon);
      }
      context.log("charts/episodic_return", episode, episodicReturn);
      context.log("charts/episode_length", episode, length);
    }
    context.log("eval/greedy_return", steps, OneStepTdControl.greedyReturn(sum, env, policy));
  }
}
