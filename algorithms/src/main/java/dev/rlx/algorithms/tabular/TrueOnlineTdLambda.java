package dev.rlx.algorithms.tabular;

import dev.rlx.api.Algorithm;
import dev.rlx.api.KnownStateValues;
import dev.rlx.api.TabularEnvironment;
import dev.rlx.api.TrialContext;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * True online TD(λ) (Sutton &amp; Barto §12.5, van Seijen &amp; Sutton 2014): dutch traces and a
 * correction term make every online update equal that of the online λ-return algorithm — the
 * forward view, exactly, at every step rather than only at the end of an episode
 * (rl-reference §6.2, "Caveat"). With tabular (one-hot) features x(s):
 *
 * <pre>
 *   V = V(S), V' = V(S')                                   (V(terminal) = 0)
 *   δ = R + γV' − V
 *   z ← γλ z + (1 − αγλ z(S)) 1_S                          (dutch trace)
 *   V ← V + α (δ + V − V_old) z − α (V − V_old) 1_S
 *   V_old ← V'
 * </pre>
 *
 * Follows the environment's evaluation policy and logs {@code rms_error} against the true
 * values and {@code charts/episode_length} after each episode.
 */
public final class TrueOnlineTdLambda implements Algorithm {

  private final TrueOnlineTdLambdaParams params;
  private final TabularEnvironment env;
  private final KnownStateValues truth;
  private final TrialContext context;

  @Inject
  TrueOnlineTdLambda(TrueOnlineTdLambdaParams params, TabularEnvironment env, TrialContext context) {
    if (!(env instanceof KnownStateValues known)) {
      throw new IllegalArgumentException("true-online-td-lambda needs an environment with known true values (e.g. random-walk)");
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
    double[] z = new double[n];
    double[] trueValues = truth.trueStateValues(params.gamma());
    SplittableRandom policy = new SplittableRandom(context.seed());
    double alpha = params.alpha();
    double gammaLambda = params.gamma() * params.lambda();
    long episodes = context.budget().maxEpisodes();
    long stepBudget = context.budget().maxEnvSteps();
    long steps = 0;
    env.reset(context.seed());
    for (long episode = 1; episode <= episodes && steps < stepBudget && !context.isCancelled(); episode++) {
      Arrays.fill(z, 0.0);
      int s = env.reset();
      double vOld = 0;
      long length = 0;
      while (steps < stepBudget) {
        TabularEnvironment.Step step = env.step(truth.evaluationPolicyAction(s, policy.nextDouble()));
        steps++;
        length++;
        double vNow = v[s];
        double vNext = step.terminated() ? 0.0 : v[step.state()];
        double delta = step.reward() + params.gamma() * vNext - vNow;
        double dutch = 1 - alpha * gammaLambda * z[s];
        for (int i = 0; i < n; i++) {
          z[i] *= gammaLambda;
        }
        z[s] += dutch;
        double traceStep = alpha * (delta + vNow - vOld);
        for (int i = 0; i < n; i++) {
          v[i] += traceStep * z[i];
        }
        v[s] -= alpha * (vNow - vOld);
        if (step.done()) {
          break;
        }
        vOld = vNext;
        s = step.state();
      }
      context.log("rms_error", episode, TdLambda.rms(v, trueValues));
      context.log("charts/episode_length", episode, length);
    }
    return v;
  }
}
