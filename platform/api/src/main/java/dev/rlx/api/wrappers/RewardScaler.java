package dev.rlx.api.wrappers;

import dev.rlx.api.BatchedEnvironment.Batch;
import java.util.Arrays;

/**
 * "Reward scaling" (Engstrom et al. 2020, "Implementation Matters in Deep RL", §3 and App. A.2;
 * Gymnasium's {@code NormalizeReward}, {@code gymnasium/wrappers/vector/stateful_reward.py}):
 * divides each reward by the standard deviation of a running discounted return, leaving its
 * mean alone. Per copy, at every step:
 * <pre>
 *   G ← γ·G + r                       (the discounted return so far)
 *   add the batch's G to a RunningMeanStd
 *   r̃ = r / √(var(G) + ε)             (ε = 1e-8)
 *   G ← 0 where the episode ended      (terminated or truncated)
 * </pre>
 * The reset of G follows OpenAI Baselines' and SB3's {@code VecNormalize} (and gym ≤ 0.21):
 * the step that ends an episode still counts in that episode's return, the next episode starts
 * from 0. Gymnasium 1.x instead computes G ← γ·G·(1 − terminated) + r, which drops the return
 * one step early at a termination and never resets it at a truncation.
 *
 * <p>{@link #frozen()} (and so {@code copy()} of a wrapped environment) scales with these
 * statistics, read only, as they stand at each call.
 */
public final class RewardScaler extends StatisticsTransform<RewardScaler> {

  /** Gymnasium's default ε. */
  public static final double EPSILON = 1e-8;

  private final double gamma;
  private final double epsilon;
  private double[] discountedReturn = new double[0]; // G per copy

  /** Scales rewards by the std of the return discounted with {@code gamma}, ε = 1e-8. */
  public RewardScaler(double gamma) {
    this(gamma, EPSILON);
  }

  public RewardScaler(double gamma, double epsilon) {
    this(new RunningMeanStd(1), gamma, epsilon, false);
    if (!(gamma >= 0 && gamma <= 1)) {
      throw new IllegalArgumentException("gamma must be in [0, 1] (the algorithm's discount, e.g. 0.99), was " + gamma);
    }
    checkEpsilon(epsilon);
  }

  private RewardScaler(RunningMeanStd statistics, double gamma, double epsilon, boolean frozen) {
    super(statistics, frozen);
    this.gamma = gamma;
    this.epsilon = epsilon;
  }

  @Override
  public RewardScaler frozen() {
    return new RewardScaler(statistics, gamma, epsilon, true);
  }

  /** The current divisor √(var(G) + ε). */
  public double scale() {
    return Math.sqrt(statistics.variance(0) + epsilon);
  }

  @Override
  public void onReset(Batch batch) {
    if (discountedReturn.length != batch.size()) {
      discountedReturn = new double[batch.size()];
    }
    Arrays.fill(discountedReturn, 0);
  }

  @Override
  public void onStep(Batch batch) {
    int n = batch.size();
    float[] rewards = batch.rewards();
    for (int i = 0; i < n; i++) {
      discountedReturn[i] = gamma * discountedReturn[i] + rewards[i];
    }
    if (!frozen) {
      statistics.update(discountedReturn, n);
    }
    double scale = scale();
    for (int i = 0; i < n; i++) {
      rewards[i] = (float) (rewards[i] / scale);
      if (batch.done(i)) {
        discountedReturn[i] = 0;
      }
    }
  }
}
