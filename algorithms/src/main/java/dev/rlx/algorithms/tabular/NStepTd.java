package dev.rlx.algorithms.tabular;

import dev.rlx.api.TabularEnvironment;
import dev.rlx.api.TrialContext;
import jakarta.inject.Inject;

/**
 * n-step TD prediction (references.md §6.1; Sutton &amp; Barto §7.1). At time τ = t − n + 1 the
 * state S_τ moves toward the n-step return
 *
 * <pre>
 *   G_{τ:τ+n} = Σ_{i=τ+1}^{min(τ+n, T)} γ^{i−τ−1} R_i  +  γ^n V(S_{τ+n})   (the last term if τ + n &lt; T)
 *   V(S_τ) ← V(S_τ) + α [G_{τ:τ+n} − V(S_τ)]
 * </pre>
 *
 * Follows the environment's evaluation policy; logs {@code rms_error} against the true values
 * after each episode, and the episode length. n = 1 is TD(0).
 */
public final class NStepTd extends TabularPrediction {

  private final NStepTdParams params;
  private final NStepWindow window;

  @Inject
  NStepTd(NStepTdParams params, TabularEnvironment env, TrialContext context) {
    super(env, context, "n-step-td", params.gamma(), params.initialValue());
    this.params = params;
    this.window = new NStepWindow(params.n());
  }

  @Override
  void runEpisode(EpisodeBudget budget, int first) {
    int n = params.n();
    window.setState(0, first);
    long terminal = Long.MAX_VALUE; // T
    for (long t = 0; ; t++) {
      if (t < terminal) {
        TabularEnvironment.Step step = step(budget, window.state(t));
        window.setReward(t + 1, step.reward());
        window.setState(t + 1, step.state());
        if (step.terminated() || !budget.stepsLeft()) {
          terminal = t + 1;
        }
      }
      long tau = t - n + 1; // the time whose state is updated now
      if (tau >= 0) {
        long end = Math.min(tau + n, terminal);
        double g = window.rewardSum(tau, end, params.gamma());
        if (end < terminal) {
          g += window.discount() * v[window.state(end)]; // γ^n V(S_{τ+n})
        }
        int s = window.state(tau);
        v[s] += params.alpha() * (g - v[s]);
      }
      if (tau == terminal - 1) {
        return;
      }
    }
  }
}
