package dev.rlx.algorithms.linear;

import dev.rlx.algorithms.tabular.EpsilonGreedy;
import dev.rlx.api.Algorithm;
import dev.rlx.api.ContinuousStateEnvironment;
import dev.rlx.api.TrialContext;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * SARSA(λ) with binary tile-coded features and linear function approximation
 * (rl-reference §6.3; Sutton &amp; Barto §12.7, the algorithm box of Fig. 12.10):
 *
 * <pre>
 *   δ   = R + γ wᵀx(S', A') − wᵀx(S, A)                       (no bootstrap at a terminal S')
 *   z_i = z_i + 1 (accumulating) or 1 (replacing)   for the active features i of (S, A)
 *   w   ← w + α δ z,   then   z ← γλ z
 * </pre>
 *
 * with α = alpha / tilings. Logs {@code charts/episode_length} (steps to the goal, the y-axis of
 * Fig. 12.10) and {@code charts/episodic_return} per episode.
 */
public final class SarsaLambda implements Algorithm {

  private final SarsaLambdaParams params;
  private final ContinuousStateEnvironment env;
  private final TrialContext context;

  @Inject
  SarsaLambda(SarsaLambdaParams params, ContinuousStateEnvironment env, TrialContext context) {
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
    boolean replacing = params.trace() == SarsaLambdaParams.Trace.REPLACING;
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
      double episodicReturn = 0;
      long length = 0;
      while (steps < stepBudget) {
        ContinuousStateEnvironment.Step step = env.step(a);
        steps++;
        length++;
        episodicReturn += step.reward();
        double delta = step.reward() - q.value(features[a]);
        for (int i : features[a]) {
          z[i] = replacing ? 1.0 : z[i] + 1.0;
        }
        int nextAction = -1;
        if (!step.terminated()) {
          q.evaluate(step.state(), nextFeatures, values);
          nextAction = policy.act(values, q.actions(), params.epsilon());
          delta += params.gamma() * values[nextAction];
        }
        double alphaDelta = alpha * delta;
        for (int i = 0; i < w.length; i++) {
          w[i] += alphaDelta * z[i];
          z[i] *= gammaLambda;
        }
        if (step.done()) {
          break;
        }
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
