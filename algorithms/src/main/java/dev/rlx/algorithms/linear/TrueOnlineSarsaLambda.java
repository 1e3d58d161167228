package dev.rlx.algorithms.linear;

import dev.rlx.algorithms.tabular.EpsilonGreedy;
import dev.rlx.api.Algorithm;
import dev.rlx.api.ContinuousStateEnvironment;
import dev.rlx.api.TrialContext;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * True online SARSA(λ) with binary tile-coded features (Sutton &amp; Barto §12.7, van Seijen et
 * al. 2016): dutch traces plus a correction term make the online updates equal those of the
 * online λ-return algorithm.
 *
 * <pre>
 *   Q = wᵀx,  Q' = wᵀx'                                     (x' = 0 at a terminal S')
 *   δ = R + γQ' − Q
 *   z ← γλ z + (1 − α γλ zᵀx) x                              (dutch trace)
 *   w ← w + α (δ + Q − Q_old) z − α (Q − Q_old) x
 *   Q_old ← Q'
 * </pre>
 *
 * with α = alpha / tilings. Logs {@code charts/episode_length} and {@code charts/episodic_return}.
 */
public final class TrueOnlineSarsaLambda implements Algorithm {

  private final TrueOnlineSarsaLambdaParams params;
  private final ContinuousStateEnvironment env;
  private final TrialContext context;

  @Inject
  TrueOnlineSarsaLambda(TrueOnlineSarsaLambdaParams params, ContinuousStateEnvironment env, TrialContext context) {
    this.params = params;
    this.env = env;
    this.context = context;
  }

  @Override
  public void train() {
    TileCoder coder = new TileCoder(params.tilings(), params.tiles(), env.stateLow(), env.stateHigh());
    LinearActionValues q = new LinearActionValues(coder, env.actionCount());
    double[] w = q.weights;
    double[] z = new double[w.length];
    double alpha = params.alpha() / coder.tilings();
    double gammaLambda = params.gamma() * params.lambda();
    EpsilonGreedy policy = new EpsilonGreedy(new SplittableRandom(context.seed()));
    int[][] features = q.newFeatures();
    int[][] nextFeatures = q.newFeatures();
    double[] values = new double[q.actions()];
    long episodes = context.budget().maxEpisodes();
    long stepBudget = context.budget().maxEnvSteps();
    long steps = 0;
    env.reset(context.seed());
    for (long episode = 1; episode <= episodes && steps < stepBudget && !context.isCancelled(); episode++) {
      Arrays.fill(z, 0.0);
      q.evaluate(env.reset(), features, values);
      int a = policy.act(values, q.actions(), params.epsilon());
      double qOld = 0;
      double episodicReturn = 0;
      long length = 0;
      while (steps < stepBudget) {
        ContinuousStateEnvironment.Step step = env.step(a);
        steps++;
        length++;
        episodicReturn += step.reward();
        int[] x = features[a];
        double qNow = q.value(x);
        double qNext = 0;
        int nextAction = -1;
        if (!step.terminated()) {
          q.evaluate(step.state(), nextFeatures, values);
          nextAction = policy.act(values, q.actions(), params.epsilon());
          qNext = values[nextAction];
        }
        double delta = step.reward() + params.gamma() * qNext - qNow;
        double zDotX = 0;
        for (int i : x) {
          zDotX += z[i];
        }
        double dutch = 1 - alpha * gammaLambda * zDotX;
        for (int i = 0; i < z.length; i++) {
          z[i] *= gammaLambda;
        }
        for (int i : x) {
          z[i] += dutch;
        }
        double traceStep = alpha * (delta + qNow - qOld);
        for (int i = 0; i < w.length; i++) {
          w[i] += traceStep * z[i];
        }
        double correction = alpha * (qNow - qOld);
        for (int i : x) {
          w[i] -= correction;
        }
        if (step.done()) {
          break;
        }
        qOld = qNext;
        int[][] swap = features;
        features = nextFeatures;
        nextFeatures = swap;
        a = nextAction;
      }
      context.log("charts/episode_length", episode, length);
      context.log("charts/episodic_return", episode, episodicReturn);
    }
  }
}
