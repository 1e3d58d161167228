package dev.rlx.algorithms.tabular;

import dev.rlx.api.Algorithm;
import dev.rlx.api.KnownStateValues;
import dev.rlx.api.TabularEnvironment;
import dev.rlx.api.TrialContext;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The episode loop of tabular prediction, around each method's {@link #runEpisode}: V starts at
 * V₀, the environment's evaluation policy is followed (its draws seeded by the trial) on an
 * environment whose true values v_π are known, and after each episode the RMS error of V against
 * them ({@code rms_error}) and the episode's length are logged.
 */
abstract class TabularPrediction implements Algorithm {

  final TabularEnvironment env;
  final KnownStateValues truth;
  final TrialContext context;
  /** V(s) as learnt so far. */
  final double[] v;
  private final double gamma;
  private final double initialValue;
  private SplittableRandom policy;

  TabularPrediction(TabularEnvironment env, TrialContext context, String id, double gamma, double initialValue) {
    if (!(env instanceof KnownStateValues known)) {
      throw new IllegalArgumentException(id + " needs an environment with known true values (e.g. random-walk)");
    }
    this.env = env;
    this.truth = known;
    this.context = context;
    this.v = new double[env.stateCount()];
    this.gamma = gamma;
    this.initialValue = initialValue;
  }

  @Override
  public final void train() {
    learn();
  }

  /** Trains within the budget and returns the learned V. */
  final double[] learn() {
    Arrays.fill(v, initialValue);
    double[] trueValues = truth.trueStateValues(gamma);
    policy = new SplittableRandom(context.seed());
    env.reset(context.seed());
    EpisodeBudget budget = new EpisodeBudget(context);
    while (budget.nextEpisode()) {
      runEpisode(budget, env.reset());
      budget.log("rms_error", rmsError(v, trueValues));
      budget.log("charts/episode_length", budget.length());
    }
    return v;
  }

  /** One episode from its first state s, following the evaluation policy and updating V until it ends or the budget runs out. */
  abstract void runEpisode(EpisodeBudget budget, int s);

  /** Takes the evaluation policy's action in state s and counts the step into the budget. */
  TabularEnvironment.Step step(EpisodeBudget budget, int s) {
    TabularEnvironment.Step step = env.step(truth.evaluationPolicyAction(s, policy.nextDouble()));
    budget.count(step.reward());
    return step;
  }

  /** √(mean_s (V(s) − v_π(s))²). */
  static double rmsError(double[] v, double[] truth) {
    double sum = 0;
    for (int i = 0; i < v.length; i++) {
      double d = v[i] - truth[i];
      sum += d * d;
    }
    return Math.sqrt(sum / v.length);
  }
}
