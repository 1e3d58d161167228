package dev.rlx.algorithms.tabular;

import dev.rlx.api.Algorithm;
import dev.rlx.api.TabularEnvironment;
import dev.rlx.api.TrialContext;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Dyna-Q and Dyna-Q+ (rl-reference §5.1; Sutton &amp; Barto §8.2–8.3). Each real step is a
 * Q-learning update, recorded in a deterministic model, followed by n planning updates on
 * transitions drawn uniformly from those seen:
 *
 * <pre>
 *   Q(s, a) ← Q(s, a) + α [r + γ max_a' Q(s', a') − Q(s, a)]      (real step)
 *   Model(s, a) ← (r, s')
 *   repeat n: (s, a) ~ seen;  (r, s') = Model(s, a)
 *             Q(s, a) ← Q(s, a) + α [r + κ√τ(s, a) + γ max_a' Q(s', a') − Q(s, a)]
 * </pre>
 *
 * τ(s, a) is the number of real steps since (s, a) was last tried; κ = 0 is Dyna-Q. As in the
 * book's Dyna-Q+ (§8.3, footnote), once a state is visited its untried actions enter the model
 * as "stay, reward 0", so the bonus can draw the agent to try them. With n = 0 it is exactly
 * Q-learning, draw for draw.
 */
public final class DynaQ implements Algorithm {

  private final DynaQParams params;
  private final TabularEnvironment env;
  private final TrialContext context;

  @Inject
  DynaQ(DynaQParams params, TabularEnvironment env, TrialContext context) {
    this.params = params;
    this.env = env;
    this.context = context;
  }

  @Override
  public void train() {
    int states = env.stateCount();
    int actions = env.actionCount();
    double[][] q = new double[states][actions];
    // The model: last observed reward and next state of each (s, a), and whether it ended the episode.
    double[][] modelReward = new double[states][actions];
    int[][] modelNext = new int[states][actions];
    boolean[][] modelTerminal = new boolean[states][actions];
    long[][] lastTried = new long[states][actions];
    boolean[][] seen = new boolean[states][actions];
    List<int[]> seenPairs = new ArrayList<>();
    EpsilonGreedy policy = new EpsilonGreedy(new SplittableRandom(context.seed()), env);
    SplittableRandom planning = new SplittableRandom(context.seed()).split(); // its own stream: n = 0 leaves the policy's untouched
    double alpha = params.alpha();
    double gamma = params.gamma();
    double epsilon = params.epsilon();
    long episodes = context.budget().maxEpisodes();
    long stepBudget = context.budget().maxEnvSteps();
    long steps = 0;
    double cumulativeReward = 0;
    env.reset(context.seed());
    for (long episode = 1; episode <= episodes && steps < stepBudget && !context.isCancelled(); episode++) {
      int s = env.reset();
      int a = policy.act(q, s, epsilon);
      context.log("charts/first_action_0", episode, a == 0 ? 1 : 0);
      double episodicReturn = 0;
      long length = 0;
      while (steps < stepBudget) {
        TabularEnvironment.Step step = env.step(a);
        steps++;
        length++;
        episodicReturn += step.reward();
        cumulativeReward += step.reward();
        double target = step.terminated() ? step.reward() : step.reward() + gamma * EpsilonGreedy.max(q[step.state()], env.actionCount(step.state()));
        q[s][a] += alpha * (target - q[s][a]);

        if (params.kappa() > 0) {
          for (int b = 0; b < env.actionCount(s); b++) {
            if (!seen[s][b]) { // Dyna-Q+: an untried action is modelled as staying put with reward 0
              seen[s][b] = true;
              seenPairs.add(new int[] {s, b});
              modelNext[s][b] = s;
            }
          }
        } else if (!seen[s][a]) {
          seen[s][a] = true;
          seenPairs.add(new int[] {s, a});
        }
        modelReward[s][a] = step.reward();
        modelNext[s][a] = step.state();
        modelTerminal[s][a] = step.terminated();
        lastTried[s][a] = steps;
        for (int k = 0; k < params.planningSteps(); k++) {
          int[] pair = seenPairs.get(planning.nextInt(seenPairs.size()));
          int ps = pair[0];
          int pa = pair[1];
          double bonus = params.kappa() > 0 ? params.kappa() * Math.sqrt(steps - lastTried[ps][pa]) : 0;
          double reward = modelReward[ps][pa] + bonus;
          double planned = modelTerminal[ps][pa] ? reward : reward + gamma * EpsilonGreedy.max(q[modelNext[ps][pa]], env.actionCount(modelNext[ps][pa]));
          q[ps][pa] += alpha * (planned - q[ps][pa]);
        }
        if (steps % 10 == 0) {
          context.log("charts/cumulative_reward", steps, cumulativeReward);
        }
        if (step.done()) {
          break;
        }
        s = step.state();
        a = policy.act(q, s, epsilon);
      }
      context.log("charts/episodic_return", episode, episodicReturn);
      context.log("charts/episode_length", episode, length);
    }
    context.log("eval/greedy_return", steps, OneStepTdControl.greedyReturn(q, env, policy));
  }
}
