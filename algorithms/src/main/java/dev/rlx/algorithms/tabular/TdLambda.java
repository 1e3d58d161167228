package dev.rlx.algorithms.tabular;

import dev.rlx.api.Algorithm;
import dev.rlx.api.KnownStateValues;
import dev.rlx.api.TabularEnvironment;
import dev.rlx.api.TrialContext;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * TD(λ) prediction, backward view with eligibility traces (rl-reference §6.2):
 *
 * <pre>
 *   δ_t   = r_{t+1} + γ V(s_{t+1}) − V(s_t)          (V(terminal) = 0)
 *   e_t(s) = γλ e_{t−1}(s) + 1{s_t = s}             (accumulating; replacing sets it to 1)
 *   V(s)  ← V(s) + α δ_t e_t(s)   for all s
 * </pre>
 *
 * Offline ({@code update: offline}), V is held fixed during the episode and the summed
 * increments α δ_t e_t(s) are applied at its end: then they equal the forward-view updates
 * α Σ_{t: s_t = s} (G_t^λ − V(s)) exactly (rl-reference §6.2, exercise 3).
 *
 * <p>Follows the environment's evaluation policy and logs, after each episode, the RMS error
 * of V against the environment's true values ({@code rms_error}) and the episode length.
 */
public final class TdLambda implements Algorithm {

  private final TdLambdaParams params;
  private final TabularEnvironment env;
  private final KnownStateValues truth;
  private final TrialContext context;

  @Inject
  TdLambda(TdLambdaParams params, TabularEnvironment env, TrialContext context) {
    if (!(env instanceof KnownStateValues known)) {
      throw new IllegalArgumentException("td-lambda needs an environment with known true values (e.g. random-walk)");
    }
    this.params = params;
    this.env = env;
    this.truth = known;
    this.context = context;
  }

  @Override
  public void train() {
    learn();
  }

  /** Trains within the budget and returns the learned V. */
  double[] learn() {
    int n = env.stateCount();
    double[] v = new double[n];
    Arrays.fill(v, params.initialValue());
    double[] e = new double[n];
    boolean offline = params.update() == TdLambdaParams.Update.OFFLINE;
    double[] increments = offline ? new double[n] : v; // offline: summed here, applied at the episode's end
    double[] trueValues = truth.trueStateValues(params.gamma());
    SplittableRandom policy = new SplittableRandom(context.seed());
    double gammaLambda = params.gamma() * params.lambda();
    long episodes = context.budget().maxEpisodes();
    long stepBudget = context.budget().maxEnvSteps();
    long steps = 0;
    env.reset(context.seed());
    for (long episode = 1; episode <= episodes && steps < stepBudget && !context.isCancelled(); episode++) {
      Arrays.fill(e, 0.0);
      int s = env.reset();
      long length = 0;
      while (steps < stepBudget) {
        TabularEnvironment.Step step = env.step(truth.evaluationPolicyAction(s, policy.nextDouble()));
        steps++;
        length++;
        double next = step.terminated() ? 0.0 : v[step.state()];
        double delta = step.reward() + params.gamma() * next - v[s];
        for (int i = 0; i < n; i++) {
          e[i] *= gammaLambda;
        }
        e[s] = params.trace() == TdLambdaParams.Trace.REPLACING ? 1.0 : e[s] + 1.0;
        double alphaDelta = params.alpha() * delta;
        for (int i = 0; i < n; i++) {
          increments[i] += alphaDelta * e[i];
        }
        if (step.done()) {
          break;
        }
        s = step.state();
      }
      if (offline) {
        for (int i = 0; i < n; i++) {
          v[i] += increments[i];
          increments[i] = 0;
        }
      }
      context.log("rms_error", episode, rms(v, trueValues));
      context.log("charts/episode_length", episode, length);
    }
    return v;
  }

  static double rms(double[] v, double[] truth) {
    double sum = 0;
    for (int i = 0; i < v.length; i++) {
      double d = v[i] - truth[i];
      sum += d * d;
    }
    return Math.sqrt(sum / v.length);
  }
}
