package dev.rlx.algorithms.rlhf;

import ai.djl.ndarray.NDArray;

/**
 * DAPO's four fixes to GRPO for long chain-of-thought RLVR (rl-reference §7.7; Yu et al. 2025):
 *
 * <ol>
 *   <li>Clip-higher: ρ clipped to [1 − ε_low, 1 + ε_high], ε_high &gt; ε_low (0.2 / 0.28).
 *   <li>Dynamic sampling: drop groups whose K rewards are all the same ({@link #informativeGroups}).
 *   <li>Token-level loss: {@link LossAggregation#TOKEN_MEAN}.
 *   <li>Overlong reward shaping: {@link #overlongPenalty}, added to the verifier's reward.
 * </ol>
 *
 * 1 and 3 are a {@link Grpo.Config}; {@link #loss} is {@link Grpo#loss} under it.
 */
public final class Dapo {

  /** The std below which the reference's {@code filter_informative} calls a group degenerate. */
  public static final double DEGENERATE_STD = 1e-6;

  private Dapo() {}

  /**
   * Clip-higher with token-level averaging and KL weight β (the reference keeps GRPO's KL term;
   * the DAPO paper drops it, which is β = 0), k3 estimator.
   */
  public static Grpo.Config config(double epsLow, double epsHigh, double beta) {
    if (!(epsHigh >= epsLow)) {
      throw new IllegalArgumentException("clip-higher needs epsHigh ≥ epsLow (0.28 ≥ 0.2 in §7.7), found epsLow="
          + epsLow + ", epsHigh=" + epsHigh);
    }
    return new Grpo.Config(epsLow, epsHigh, beta, KlEstimator.K3, LossAggregation.TOKEN_MEAN);
  }

  /** {@link Grpo#loss} under {@link #config}: same arguments, same result. */
  public static Grpo.Result loss(NDArray logProbs, NDArray oldLogProbs, NDArray refLogProbs, NDArray mask,
      NDArray advantages, double epsLow, double epsHigh, double beta) {
    return Grpo.loss(logProbs, oldLogProbs, refLogProbs, mask, advantages, config(epsLow, epsHigh, beta));
  }

  /**
   * Dynamic sampling's filter (§7.7 exercise 3, {@code filter_informative}): for each group of K
   * consecutive rewards, whether its std exceeds 1e-6, i.e. whether it carries any gradient.
   */
  public static boolean[] informativeGroups(float[] rewards, int groupSize) {
    double[] std = GroupAdvantages.groupStd(rewards, groupSize);
    boolean[] keep = new boolean[std.length];
    for (int g = 0; g < std.length; g++) {
      keep[g] = std[g] > DEGENERATE_STD;
    }
    return keep;
  }

  /**
   * Soft overlong punishment, added to the reward of a response of {@code length} tokens. §7.7
   * names it ("smooth penalty for responses that exceed the length limit") without a formula;
   * this is the DAPO paper's eq. 13, with L_max = {@code maxLength} and L_cache = {@code cacheLength}:
   *
   * <pre>
   *   R_length(y) = 0                                   |y| ≤ L_max − L_cache
   *                 ((L_max − L_cache) − |y|) / L_cache  L_max − L_cache &lt; |y| ≤ L_max
   *                 −1                                  L_max &lt; |y|
   * </pre>
   *
   * It is continuous: 0 at |y| = L_max − L_cache, falling linearly to −1 at |y| = L_max.
   */
  public static double overlongPenalty(int length, int maxLength, int cacheLength) {
    if (length < 0) {
      throw new IllegalArgumentException("length must be ≥ 0, found " + length);
    }
    if (cacheLength <= 0 || cacheLength > maxLength) {
      throw new IllegalArgumentException("cacheLength must lie in [1, maxLength] (DAPO: L_max = 20480, L_cache = 4096),"
          + " found cacheLength=" + cacheLength + ", maxLength=" + maxLength);
    }
    int expected = maxLength - cacheLength;
    if (length <= expected) {
      return 0;
    }
    if (length <= maxLength) {
      return (double) (expected - length) / cacheLength;
    }
    return -1;
  }
}
