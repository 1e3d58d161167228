package dev.rlx.algorithms.tabular;

import dev.rlx.api.TabularEnvironment;
import dev.rlx.api.TrialContext;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Dyna-Q and Dyna-Q+ (references.md §5.1; Sutton &amp; Barto §8.2–8.3). Each real step is a
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
public final class DynaQ extends TabularControl {

  private final DynaQParams params;
  // The model: last observed reward and next state of each (s, a), and whether it ended the episode.
  private final double[][] modelReward;
  private final int[][] modelNext;
  private final boolean[][] modelTerminal;
  private final long[][] lastTried;
  private final boolean[][] seen;
  private final List<int[]> seenPairs = new ArrayList<>();
  private final SplittableRandom planning; // its own stream: n = 0 leaves the policy's untouched
  private double cumulativeReward;

  @Inject
  DynaQ(DynaQParams params, TabularEnvironment env, TrialContext context) {
    super(env, context, 0.0);
    this.params = params;
    int states = env.stateCount();
    int actions = env.actionCount();
    this.modelReward = new double[states][actions];
    this.modelNext = new int[states][actions];
    this.modelTerminal = new boolean[states][actions];
    this.lastTried = new long[states][actions];
    this.seen = new boolean[states][actions];
    this.planning = new SplittableRandom(context.seed()).split();
  }

  @Override
  void runEpisode(EpisodeBudget budget, EpsilonGreedy policy, int s) {
    double alpha = params.alpha();
    double gamma = params.gamma();
    double epsilon = params.epsilon();
    int a = firstAction(budget, policy, s, epsilon);
    while (budget.stepsLeft()) {
      TabularEnvironment.Step step = step(budget, a);
      long steps = budget.steps();
      cumulativeReward += step.reward();
      q[s][a] += alpha * (qLearningTarget(step, gamma) - q[s][a]);

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
  }
}
