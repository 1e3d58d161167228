package dev.rlx.algorithms.tabular;

import dev.rlx.api.Algorithm;
import dev.rlx.api.KnownOptimalActions;
import dev.rlx.api.TabularEnvironment;
import dev.rlx.api.TrialContext;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * ε-greedy action-value methods for the k-armed bandit (Sutton &amp; Barto §2.2–2.7, the simple
 * bandit algorithm of §2.4). Each step t = 1, 2, … pulls an arm
 *
 * <pre>
 *   A_t = a uniformly random arm                          with probability ε
 *         argmax_a [Q_t(a) + c √(ln t / N_t(a))]          otherwise (c = 0: argmax Q; N(a) = 0 counts as maximal, §2.7)
 * </pre>
 *
 * (ties broken uniformly) and moves its estimate toward the reward:
 *
 * <pre>  N(A) ← N(A) + 1;   Q(A) ← Q(A) + step·[R − Q(A)],   step = 1/N(A) (sample average, eq. 2.3) or α (eq. 2.5)</pre>
 *
 * Needs a one-state environment (each pull an episode, as {@code k-armed-bandit}) that knows its
 * optimal actions. Every {@code log_every} pulls logs the mean reward ({@code charts/reward}) and
 * the fraction of optimal pulls ({@code charts/optimal_action}) of those pulls, at the step that
 * ends them; the budget counts pulls (env_steps or episodes alike).
 */
public final class BanditEpsilonGreedy implements Algorithm {

  private final BanditParams params;
  private final TabularEnvironment env;
  private final KnownOptimalActions known;
  private final TrialContext context;
  private final double[] q;
  private final long[] n;

  @Inject
  BanditEpsilonGreedy(BanditParams params, TabularEnvironment env, TrialContext context) {
    if (env.stateCount() != 1) {
      throw new IllegalArgumentException("bandit-epsilon-greedy needs a one-state environment (a bandit such as k-armed-bandit), got one with "
          + env.stateCount() + " states");
    }
    if (!(env instanceof KnownOptimalActions optimal)) {
      throw new IllegalArgumentException("bandit-epsilon-greedy needs an environment that knows its optimal actions (e.g. k-armed-bandit)");
    }
    this.params = params;
    this.env = env;
    this.known = optimal;
    this.context = context;
    this.q = new double[env.actionCount()];
    this.n = new long[env.actionCount()];
  }

  /** The estimates Q(a) so far (for tests). */
  double[] estimates() {
    return q;
  }

  @Override
  public void train() {
    Arrays.fill(q, params.initialValue());
    Arrays.fill(n, 0);
    // The environment seeds its own stream (q* and rewards) with the trial seed; split one off
    // for the policy so that its coin is not the testbed's own draws.
    SplittableRandom rng = new SplittableRandom(context.seed()).split();
    long pulls = Math.min(context.budget().maxEnvSteps(), context.budget().maxEpisodes());
    double rewardSum = 0;
    int optimalCount = 0;
    int inWindow = 0;
    env.reset(context.seed());
    for (long t = 1; t <= pulls && !context.isCancelled(); t++) {
      int s = env.reset();
      int a = select(rng, t);
      boolean optimal = known.isOptimal(s, a); // judged before the pull: a random walk moves q* after it
      TabularEnvironment.Step step = env.step(a);
      n[a]++;
      double stepSize = params.stepSize() == BanditParams.StepSize.SAMPLE_AVERAGE ? 1.0 / n[a] : params.alpha();
      q[a] += stepSize * (step.reward() - q[a]);
      rewardSum += step.reward();
      optimalCount += optimal ? 1 : 0;
      inWindow++;
      if (inWindow == params.logEvery() || t == pulls) {
        context.log("charts/reward", t, rewardSum / inWindow);
        context.log("charts/optimal_action", t, (double) optimalCount / inWindow);
        rewardSum = 0;
        optimalCount = 0;
        inWindow = 0;
      }
    }
  }

  private int select(SplittableRandom rng, long t) {
    if (rng.nextDouble() < params.epsilon()) {
      return rng.nextInt(q.length);
    }
    int best = -1;
    double bestScore = Double.NEGATIVE_INFINITY;
    int ties = 0;
    for (int a = 0; a < q.length; a++) {
      double score = params.ucbC() == 0 ? q[a]
          : n[a] == 0 ? Double.POSITIVE_INFINITY : q[a] + params.ucbC() * Math.sqrt(Math.log(t) / n[a]);
      if (best < 0 || score > bestScore) {
        best = a;
        bestScore = score;
        ties = 1;
      } else if (score == bestScore && rng.nextInt(++ties) == 0) {
        best = a; // reservoir sampling over the tied arms
      }
    }
    return best;
  }
}
