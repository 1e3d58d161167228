package dev.rlx.algorithms.tabular;

import dev.rlx.api.Algorithm;
import dev.rlx.api.TabularEnvironment;
import dev.rlx.api.TrialContext;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The episode loop of tabular control, around each method's {@link #runEpisode}: Q over (s, a)
 * starts at Q₀, an ε-greedy behaviour policy is seeded by the trial, episodes run while the
 * budget lasts, each logging {@code charts/episodic_return} and {@code charts/episode_length}
 * after its own metrics, and at the end one greedy episode on Q (capped at 1,000 steps) is
 * logged as {@code eval/greedy_return}.
 */
abstract class TabularControl implements Algorithm {

  private static final int GREEDY_EPISODE_CAP = 1_000;

  final TabularEnvironment env;
  final TrialContext context;
  /** Q(s, a), or for Double Q-learning Q1 + Q2: what the behaviour policy follows. */
  final double[][] q;
  private final double initialValue;

  TabularControl(TabularEnvironment env, TrialContext context, double initialValue) {
    this.env = env;
    this.context = context;
    this.q = new double[env.stateCount()][env.actionCount()];
    this.initialValue = initialValue;
  }

  @Override
  public final void train() {
    EpsilonGreedy policy = new EpsilonGreedy(new SplittableRandom(context.seed()), env);
    fill(q, initialValue);
    env.reset(context.seed());
    EpisodeBudget budget = new EpisodeBudget(context);
    while (budget.nextEpisode()) {
      runEpisode(budget, policy, env.reset());
      budget.logReturnAndLength();
    }
    logGreedyReturn(budget, policy);
  }

  /**
   * One episode from its first state s: act with {@code policy}, count each step into
   * {@code budget}, and update Q, until the episode ends or the budget runs out.
   */
  abstract void runEpisode(EpisodeBudget budget, EpsilonGreedy policy, int s);

  /** Q(s, a) as learnt so far (for tests). */
  double[][] actionValues() {
    return q;
  }

  /** The episode's first action, drawn ε-greedily in s and logged as {@code charts/first_action_0} (1 for action 0). */
  int firstAction(EpisodeBudget budget, EpsilonGreedy policy, int s, double epsilon) {
    int a = policy.act(q, s, epsilon);
    budget.log("charts/first_action_0", a == 0 ? 1 : 0);
    return a;
  }

  /** Takes action a and counts the step into the budget. */
  TabularEnvironment.Step step(EpisodeBudget budget, int a) {
    TabularEnvironment.Step step = env.step(a);
    budget.count(step.reward());
    return step;
  }

  /** Logs {@code eval/greedy_return} after the budget: the return of one episode greedy on Q. */
  private void logGreedyReturn(EpisodeBudget budget, EpsilonGreedy policy) {
    int s = env.reset();
    double total = 0;
    for (int t = 0; t < GREEDY_EPISODE_CAP; t++) {
      TabularEnvironment.Step step = env.step(policy.greedy(q[s], env.actionCount(s)));
      total += step.reward();
      if (step.done()) {
        break;
      }
      s = step.state();
    }
    context.log("eval/greedy_return", budget.steps(), total);
  }

  /** Q-learning's target r + γ max_a' Q(s', a'), or r from a terminal s'. */
  double qLearningTarget(TabularEnvironment.Step step, double gamma) {
    int next = step.state();
    return step.terminated() ? step.reward() : step.reward() + gamma * EpsilonGreedy.max(q[next], env.actionCount(next));
  }

  /** Sets every entry of a table over (s, a) to {@code value}. */
  static void fill(double[][] table, double value) {
    for (double[] row : table) {
      Arrays.fill(row, value);
    }
  }
}
