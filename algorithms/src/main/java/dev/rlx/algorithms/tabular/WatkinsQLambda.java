package dev.rlx.algorithms.tabular;

import dev.rlx.api.Algorithm;
import dev.rlx.api.TabularEnvironment;
import dev.rlx.api.TrialContext;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Watkins's Q(λ) (rl-reference §6.4; Sutton &amp; Barto 2018 §12.10): Q-learning's TD error,
 * carried back along the trajectory by traces over (s, a) — but only while the behaviour
 * follows the greedy target policy:
 *
 * <pre>
 *   δ_t = r_{t+1} + γ max_a' Q(s_{t+1}, a') − Q(s_t, a_t)            (no bootstrap from a terminal state)
 *   e(s_t, a_t) ← e(s_t, a_t) + 1   (replacing: ← 1)
 *   Q(s, a) ← Q(s, a) + α δ_t e(s, a)   for all (s, a)
 *   e ← γλ e   if a_{t+1} is greedy in s_{t+1},   else e ← 0   (the cut)
 * </pre>
 *
 * a_{t+1} is drawn after the update, from the updated Q, exactly as {@code q-learning} draws it
 * (the reference's listing draws it before the update), so λ = 0 is {@code q-learning} draw for
 * draw; "greedy" is judged on that same updated Q, and an action that ties for the maximum
 * counts as greedy (Sutton &amp; Barto's "if A' ties for the max, A* ← A'"), so once Q has no
 * ties a cut comes with probability ε(1 − 1/|A|) per action. Logs per episode
 * {@code charts/trace_cuts} (how many times the trace was cut), {@code charts/trace_cut_rate}
 * (cuts per action that could cut: all but the first; episodes longer than one step),
 * {@code charts/episodic_return} and {@code charts/episode_length}, and at the end
 * {@code eval/greedy_return}.
 */
public final class WatkinsQLambda implements Algorithm {

  private final QLambdaParams params;
  private final TabularEnvironment env;
  private final TrialContext context;
  private final double[][] q;

  @Inject
  WatkinsQLambda(QLambdaParams params, TabularEnvironment env, TrialContext context) {
    this.params = params;
    this.env = env;
    this.context = context;
    this.q = new double[env.stateCount()][env.actionCount()];
  }

  /** Q(s, a) as learnt so far (for tests). */
  double[][] actionValues() {
    return q;
  }

  @Override
  public void train() {
    double[][] e = new double[env.stateCount()][env.actionCount()];
    for (double[] row : q) {
      Arrays.fill(row, params.initialValue());
    }
    TdControlParams control = params.control();
    double gammaLambda = params.gamma() * params.lambda();
    EpsilonGreedy policy = new EpsilonGreedy(new SplittableRandom(context.seed()), env);
    long episodes = context.budget().maxEpisodes();
    long stepBudget = context.budget().maxEnvSteps();
    long steps = 0;
    env.reset(context.seed());
    for (long episode = 1; episode <= episodes && steps < stepBudget && !context.isCancelled(); episode++) {
      double epsilon = EpsilonGreedy.epsilon(control, episode);
      for (double[] row : e) {
        Arrays.fill(row, 0.0);
      }
      int s = env.reset();
      int a = policy.act(q, s, epsilon);
      double episodicReturn = 0;
      long length = 0;
      long cuts = 0;
      while (steps < stepBudget) {
        TabularEnvironment.Step step = env.step(a);
        steps++;
        length++;
        episodicReturn += step.reward();
        int next = step.state();
        double target = step.terminated() ? step.reward()
            : step.reward() + params.gamma() * EpsilonGreedy.max(q[next], env.actionCount(next));
        double delta = target - q[s][a];
        e[s][a] = params.visit(e[s][a]);
        double alphaDelta = params.alpha() * delta;
        for (int x = 0; x < q.length; x++) {
          for (int b = 0; b < q[x].length; b++) {
            q[x][b] += alphaDelta * e[x][b];
          }
        }
        if (step.done()) {
          break;
        }
        s = next;
        a = policy.act(q, s, epsilon);
        if (q[s][a] == EpsilonGreedy.max(q[s], env.actionCount(s))) {
          scale(e, gammaLambda); // a_{t+1} greedy: the trace decays and carries on
        } else {
          scale(e, 0.0); // exploratory a_{t+1}: what follows is not the greedy policy's return
          cuts++;
        }
      }
      context.log("charts/trace_cuts", episode, cuts);
      if (length > 1) { // a_2 … a_T were chosen after an update: each could cut
        context.log("charts/trace_cut_rate", episode, cuts / (double) (length - 1));
      }
      context.log("charts/episodic_return", episode, episodicReturn);
      context.log("charts/episode_length", episode, length);
    }
    context.log("eval/greedy_return", steps, OneStepTdControl.greedyReturn(q, env, policy));
  }

  static void scale(double[][] e, double factor) {
    for (double[] row : e) {
      for (int b = 0; b < row.length; b++) {
        row[b] *= factor;
      }
    }
  }
}
