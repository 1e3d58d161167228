package dev.rlx.algorithms.tabular;

import dev.rlx.api.Algorithm;
import dev.rlx.api.TabularEnvironment;
import dev.rlx.api.TrialContext;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Peng's Q(λ), in the incremental form of Peng &amp; Williams (1996, "Incremental multi-step
 * Q-learning", Fig. 3; Sutton &amp; Barto 1998 §7.6; rl-reference §6.4). Its target is the
 * mixed-policy λ-return: the rewards of the actions actually taken, each n-step return
 * bootstrapping with the greedy max_a Q at its end —
 *
 * <pre>  G^λ_t = r_{t+1} + γ [(1 − λ) max_a Q(s_{t+1}, a) + λ G^λ_{t+1}]</pre>
 *
 * — which never cuts the trace. Two TD errors carry it incrementally, with V(s) = max_a Q(s, a):
 *
 * <pre>
 *   δ'_t = r_{t+1} + γ V(s_{t+1}) − Q(s_t, a_t)       (the pair just taken: Q-learning's error)
 *   δ_t  = r_{t+1} + γ V(s_{t+1}) − V(s_t)            (the earlier pairs, through their traces)
 *   e ← γλ e;   Q(s, a) ← Q(s, a) + α δ_t e(s, a) for all (s, a)
 *   Q(s_t, a_t) ← Q(s_t, a_t) + α δ'_t;   e(s_t, a_t) ← e(s_t, a_t) + 1   (replacing: ← 1)
 * </pre>
 *
 * (V(terminal) = 0.) Since δ'_t + Σ_{k≥1} (γλ)^k δ_{t+k} = G^λ_t − Q(s_t, a_t) for a fixed Q,
 * this is the forward view's update. The reference's listing (same δ as Q-learning, traces
 * never cut) is a simplification of it, not this. The action is drawn at the start of each step
 * from the current Q, as {@code q-learning} draws it, so λ = 0 is {@code q-learning} draw for
 * draw. Logs {@code charts/episodic_return}, {@code charts/episode_length} and
 * {@code eval/greedy_return}.
 */
public final class PengQLambda implements Algorithm {

  private final QLambdaParams params;
  private final TabularEnvironment env;
  private final TrialContext context;
  private final double[][] q;

  @Inject
  PengQLambda(QLambdaParams params, TabularEnvironment env, TrialContext context) {
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
      double episodicReturn = 0;
      long length = 0;
      while (steps < stepBudget) {
        int a = policy.act(q, s, epsilon);
        TabularEnvironment.Step step = env.step(a);
        steps++;
        length++;
        episodicReturn += step.reward();
        int next = step.state();
        double target = step.terminated() ? step.reward()
            : step.reward() + params.gamma() * EpsilonGreedy.max(q[next], env.actionCount(next));
        double deltaPrime = target - q[s][a]; // δ'_t
        double delta = target - EpsilonGreedy.max(q[s], env.actionCount(s)); // δ_t
        WatkinsQLambda.scale(e, gammaLambda);
        double alphaDelta = params.alpha() * delta;
        for (int x = 0; x < q.length; x++) {
          for (int b = 0; b < q[x].length; b++) {
            q[x][b] += alphaDelta * e[x][b];
          }
        }
        q[s][a] += params.alpha() * deltaPrime;
        e[s][a] = params.visit(e[s][a]);
        if (step.done()) {
          break;
        }
        s = next;
      }
      context.log("charts/episodic_return", episode, episodicReturn);
      context.log("charts/episode_length", episode, length);
    }
    context.log("eval/greedy_return", steps, OneStepTdControl.greedyReturn(q, env, policy));
  }
}
