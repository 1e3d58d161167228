package dev.rlx.algorithms.deep;

import ai.djl.ndarray.NDArray;

/**
 * The clipped surrogate of PPO (references.md §3.4; Schulman et al. 2017), written once for PPO,
 * token-level PPO and GRPO (§7.3, §7.6), with §7.7's clip-higher (DAPO, Yu et al. 2025): an
 * asymmetric range [1 − ε_low, 1 + ε_high]; ε_low = ε_high is the symmetric original.
 */
public final class ClippedSurrogate {

  private ClippedSurrogate() {}

  /**
   * ℓ = −min(ρ A, clip(ρ, 1 − ε_low, 1 + ε_high) A) = max(−A ρ, −A clip(ρ, …)) per element, the
   * pessimistic (larger) of the two negated surrogates, so a ratio pushed past the clip range
   * earns no further gain; the caller averages it (over a minibatch, or tokens under a mask).
   */
  public static NDArray perElement(NDArray ratio, NDArray advantages, double epsLow, double epsHigh) {
    NDArray negAdv = advantages.neg();
    return ratio.mul(negAdv).maximum(ratio.clip(1 - epsLow, 1 + epsHigh).mul(negAdv));
  }
}
