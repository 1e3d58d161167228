package dev.rlx.algorithms.rlhf;

import ai.djl.ndarray.NDArray;

/**
 * DAPO's four fixes to GRPO for long chain-of-thought RLVR (references.md §7.7; Yu et al. 2025):
 *
 * <ol>
 *   <li>Clip-higher: ρ clipped to [1 − ε_low, 1 + ε_high], ε_high &gt; ε_low (0.2 / 0.28).
 *   <li>Dynamic sampling: drop groups whose K rewards are all the same ({@link GroupAdvantages#informativeGroups}).
 *   <li>Token-level loss: {@link LossAggregation#TOKEN_MEAN}.
 *   <li>Overlong reward shaping: {@link OverlongPenalty#of}, added to the verifier's reward.
 * </ol>
 *
 * 1 and 3 are a {@link Grpo.Config}; {@link #loss} is {@link Grpo#loss} under it.
 */
public final class Dapo {

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
}
