package dev.rlx.algorithms.tabular;

import dev.rlx.api.TabularEnvironment;
import dev.rlx.api.TrialContext;
import jakarta.inject.Inject;

/**
 * Peng's Q(λ), in the incremental form of Peng &amp; Williams (1996, "Incremental multi-step
 * Q-learning", Fig. 3; Sutton &amp; Barto 1998 §7.6; references.md §6.4). Its target is the
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
public final class PengQLambda extends QLambdaControl {

  @Inject
  PengQLambda(QLambdaParams params, TabularEnvironment env, TrialContext context) {
    super(params, env, context);
  }

  @Override
  void runEpisode(EpisodeBudget budget, EpsilonGreedy policy, int s) {
    double epsilon = beginEpisode(budget);
    while (budget.stepsLeft()) {
      int a = policy.act(q, s, epsilon);
      TabularEnvironment.Step step = step(budget, a);
      double target = qLearningTarget(step, params.gamma());
      double deltaPrime = target - q[s][a]; // δ'_t
      double delta = target - EpsilonGreedy.max(q[s], env.actionCount(s)); // δ_t
      EligibilityTraces.scale(e, gammaLambda);
      EligibilityTraces.add(q, params.alpha() * delta, e);
      q[s][a] += params.alpha() * deltaPrime;
      e[s][a] = params.visit(e[s][a]);
      if (step.done()) {
        break;
      }
      s = step.state();
    }
  }
}
