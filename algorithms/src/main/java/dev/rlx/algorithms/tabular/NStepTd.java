package dev.rlx.algorithms.tabular;

import dev.rlx.api.Algorithm;
import dev.rlx.api.KnownStateValues;
import dev.rlx.api.TabularEnvironment;
import dev.rlx.api.TrialContext;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * n-step TD prediction (rl-reference §6.1; Sutton &amp; Barto §7.1). At time τ = t − n + 1 the
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
public final class NStepTd implements Algorithm {

  private final NStepTdParams params;
  private final TabularEnvironment env;
  private final KnownStateValues truth;
  private final TrialContext context;

  @Inject
  NStepTd(NStepTdParams params, TabularEnvironment env, TrialContext context) {
    if (!(env instanceof KnownStateValues known)) {
      throw new IllegalArgumentException("n-step-td needs an environment with known true values (e.g. random-walk)");
    }
    this.params = params;
    this.env = env;
    this.truth = known;
    this.context = context;
  }

  @Override
  public void train() {
    int n = params.n();
    double gamma = params.gamma();
    double[] v = new double[env.stateCount()];
    Arrays.fill(v, params.initialValue());
    double[] trueValues = truth.trueStateValues(gamma);
    SplittableRandom policy = new SplittableRandom(context.seed());
    // Ring buffers of the last n + 1 states and rewards: S_t at t mod (n+1), R_t likewise.
    int[] states = new int[n + 1];
    double[] rewards = new double[n + 1];
    long episodes = context.budget().maxEpisodes();
    long stepBudget = context.budget().maxEnvSteps();
    long steps = 0;
    env.reset(context.seed());
    for (long episode = 1; episode <= episodes && steps < stepBudget && !context.isCancelled(); episode++) {
      states[0] = env.reset();
      long terminal = Long.MAX_VALUE; // T
      for (long t = 0; ; t++) {
        if (t < terminal) {
          int s = states[(int) (t % (n + 1))];
          TabularEnvironment.Step step = env.step(truth.evaluationPolicyAction(s, policy.nextDouble()));
          steps++;
          rewards[(int) ((t + 1) % (n + 1))] = step.reward();
          states[(int) ((t + 1) % (n + 1))] = step.state();
          if (step.terminated() || steps >= stepBudget) {
            terminal = t + 1;
          }
        }
        long tau = t - n + 1; // the time whose state is updated now
        if (tau >= 0) {
          // G = Σ_{i=τ+1}^{min(τ+n, T)} γ^{i−τ−1} R_i (+ γ^n V(S_{τ+n}) below); the ring index wraps
          // by hand, as a long % per reward dominated large n.
          double g = 0;
          double discount = 1;
          int ring = (int) ((tau + 1) % (n + 1));
          for (long i = tau + 1, end = Math.min(tau + n, terminal); i <= end; i++) {
            g += discount * rewards[ring];
            discount *= gamma;
            if (++ring == n + 1) {
              ring = 0;
            }
          }
          if (tau + n < terminal) {
            g += discount * v[states[(int) ((tau + n) % (n + 1))]];
          }
          int s = states[(int) (tau % (n + 1))];
          v[s] += params.alpha() * (g - v[s]);
        }
        if (tau == terminal - 1) {
          context.log("rms_error", episode, TdLambda.rms(v, trueValues));
          context.log("charts/episode_length", episode, terminal);
          break;
        }
      }
    }
  }
}
