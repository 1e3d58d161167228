package dev.rlx.algorithms.tabular;

import dev.rlx.api.TabularEnvironment;
import dev.rlx.api.TrialContext;
import jakarta.inject.Inject;

/**
 * n-step SARSA (references.md §6.1 exercise 1; Sutton &amp; Barto §7.2): on-policy control whose
 * target sums n real rewards and bootstraps from the action the ε-greedy policy takes n steps on.
 * At time τ = t − n + 1 the pair (S_τ, A_τ) moves toward
 *
 * <pre>
 *   G_{τ:τ+n} = Σ_{i=τ+1}^{min(τ+n, T)} γ^{i−τ−1} R_i  +  γ^n Q(S_{τ+n}, A_{τ+n})   (the last term if τ + n &lt; T)
 *   Q(S_τ, A_τ) ← Q(S_τ, A_τ) + α [G_{τ:τ+n} − Q(S_τ, A_τ)]
 * </pre>
 *
 * An episode cut short (a time limit, or the step budget) is not terminal: its last returns
 * still bootstrap from Q(S_T, A_T). A_{t+1} is drawn after every step, before the update, as
 * {@code sarsa} does (at a terminal state the draw is discarded), so n = 1 is {@code sarsa}
 * draw for draw. Logs {@code charts/episodic_return}, {@code charts/episode_length} and
 * {@code eval/greedy_return} as the one-step methods do.
 */
public final class NStepSarsa extends TabularControl {

  private final NStepSarsaParams params;
  private final NStepWindow window;

  @Inject
  NStepSarsa(NStepSarsaParams params, TabularEnvironment env, TrialContext context) {
    super(env, context, params.exploration().initialValue());
    this.params = params;
    this.window = new NStepWindow(params.n());
  }

  @Override
  void runEpisode(EpisodeBudget budget, EpsilonGreedy policy, int first) {
    int n = params.n();
    double epsilon = EpsilonGreedy.epsilon(params.exploration(), budget.episode());
    window.setState(0, first);
    window.setAction(0, policy.act(q, first, epsilon));
    long terminal = Long.MAX_VALUE; // T
    boolean bootstrapAtEnd = false; // whether S_T is a cut, not a terminal state
    for (long t = 0; ; t++) {
      if (t < terminal) {
        TabularEnvironment.Step step = step(budget, window.action(t));
        window.setReward(t + 1, step.reward());
        window.setState(t + 1, step.state());
        window.setAction(t + 1, policy.act(q, step.state(), epsilon)); // A_{t+1}, drawn before the update
        if (step.done() || !budget.stepsLeft()) {
          terminal = t + 1;
          bootstrapAtEnd = !step.terminated(); // truncation bootstraps (references.md §6.6)
        }
      }
      long tau = t - n + 1; // the time whose pair is updated now
      if (tau >= 0) {
        long end = Math.min(tau + n, terminal);
        double g = window.rewardSum(tau, end, params.gamma());
        if (end < terminal || bootstrapAtEnd) {
          g += window.discount() * q[window.state(end)][window.action(end)]; // γ^{end−τ} Q(S_end, A_end)
        }
        int s = window.state(tau);
        int a = window.action(tau);
        q[s][a] += params.alpha() * (g - q[s][a]);
      }
      if (tau == terminal - 1) {
        return;
      }
    }
  }
}
