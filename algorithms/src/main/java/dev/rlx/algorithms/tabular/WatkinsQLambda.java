package dev.rlx.algorithms.tabular;

import dev.rlx.api.TabularEnvironment;
import dev.rlx.api.TrialContext;
import jakarta.inject.Inject;

/**
 * Watkins's Q(λ) (references.md §6.4; Sutton &amp; Barto 2018 §12.10): Q-learning's TD error,
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
public final class WatkinsQLambda extends QLambdaControl {

  @Inject
  WatkinsQLambda(QLambdaParams params, TabularEnvironment env, TrialContext context) {
    super(params, env, context);
  }

  @Override
  void runEpisode(EpisodeBudget budget, EpsilonGreedy policy, int s) {
    double epsilon = beginEpisode(budget);
    int a = policy.act(q, s, epsilon);
    long cuts = 0;
    while (budget.stepsLeft()) {
      TabularEnvironment.Step step = step(budget, a);
      double delta = qLearningTarget(step, params.gamma()) - q[s][a];
      e[s][a] = params.visit(e[s][a]);
      EligibilityTraces.add(q, params.alpha() * delta, e);
      if (step.done()) {
        break;
      }
      s = step.state();
      a = policy.act(q, s, epsilon);
      if (q[s][a] == EpsilonGreedy.max(q[s], env.actionCount(s))) {
        EligibilityTraces.scale(e, gammaLambda); // a_{t+1} greedy: the trace decays and carries on
      } else {
        EligibilityTraces.scale(e, 0.0); // exploratory a_{t+1}: what follows is not the greedy policy's return
        cuts++;
      }
    }
    budget.log("charts/trace_cuts", cuts);
    if (budget.length() > 1) { // a_2 … a_T were chosen after an update: each could cut
      budget.log("charts/trace_cut_rate", cuts / (double) (budget.length() - 1));
    }
  }
}
