package dev.rlx.algorithms.linear;

import dev.rlx.algorithms.tabular.EpisodeBudget;
import dev.rlx.api.Algorithm;
import dev.rlx.api.ContinuousStateEnvironment;
import dev.rlx.api.TrialContext;
import java.util.Arrays;

/**
 * The episode loop of the linear SARSA methods, around each method's {@link #runEpisode}:
 * q̂(s, a, w) = wᵀx(s, a) over tile-coded features starts at w = 0, the ε-greedy policy is
 * seeded by the trial, the traces z are cleared at each episode's start, and each episode logs
 * {@code charts/episode_length} (steps to the goal, the y-axis of Fig. 12.10) and then
 * {@code charts/episodic_return}.
 */
abstract class LinearControl implements Algorithm {

  final ContinuousStateEnvironment env;
  final TrialContext context;
  /** α = alpha / tilings: the step size each active weight moves by. */
  final double alpha;
  final double gamma;
  /** γλ, the traces' decay per step. */
  final double gammaLambda;
  private final TileCodingParams tiling;
  private final double epsilon;

  /**
   * @param alpha Sutton &amp; Barto's α × the number of tilings
   */
  LinearControl(ContinuousStateEnvironment env, TrialContext context, TileCodingParams tiling, double epsilon, double alpha,
      double gamma, double lambda) {
    this.env = env;
    this.context = context;
    this.tiling = tiling;
    this.epsilon = epsilon;
    this.alpha = alpha / tiling.tilings();
    this.gamma = gamma;
    this.gammaLambda = gamma * lambda;
  }

  @Override
  public final void train() {
    LinearActionValues q = LinearActionValues.tileCoded(tiling.tilings(), tiling.tiles(), env);
    double[] z = new double[q.weights.length];
    TileCodedPolicy policy = new TileCodedPolicy(q, context.seed(), epsilon);
    EpisodeBudget budget = new EpisodeBudget(context);
    env.reset(context.seed());
    while (budget.nextEpisode()) {
      Arrays.fill(z, 0.0);
      runEpisode(budget, q, z, policy, policy.first(env.reset()));
      budget.log("charts/episode_length", budget.length());
      budget.log("charts/episodic_return", budget.episodicReturn());
    }
  }

  /** Takes action a and counts the step into the budget. */
  ContinuousStateEnvironment.Step step(EpisodeBudget budget, int a) {
    ContinuousStateEnvironment.Step step = env.step(a);
    budget.count(step.reward());
    return step;
  }

  /**
   * One episode from its first action a (drawn by {@code policy} from the coded first state):
   * act, count each step into {@code budget}, and update w and z, until the episode ends or the
   * budget runs out.
   */
  abstract void runEpisode(EpisodeBudget budget, LinearActionValues q, double[] z, TileCodedPolicy policy, int a);
}
