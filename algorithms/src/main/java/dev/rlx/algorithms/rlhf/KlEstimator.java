package dev.rlx.algorithms.rlhf;

import ai.djl.ndarray.NDArray;
import dev.rlx.algorithms.deep.Scalars;

/**
 * Per-token, single-sample estimators of KL(π_θ ‖ π_ref) from tokens sampled from π_θ
 * (Schulman 2020, "Approximating KL divergence"; references.md §7.6 exercise 2). With
 * r = π_ref(y_t | ·) / π_θ(y_t | ·), i.e. log r = log π_ref − log π_θ:
 *
 * <pre>
 *   K1 = −log r                 unbiased; negative on any token π_ref likes more than π_θ
 *   K2 = ½ (log r)²             ≥ 0, biased (low bias when π_θ ≈ π_ref)
 *   K3 = (r − 1) − log r        ≥ 0 and unbiased (E_{π_θ}[r − 1] = 0); DeepSeekMath's GRPO term
 * </pre>
 *
 * Note the direction: the reference's exercise snippet writes k3 with r = π_θ / π_ref, which is
 * unbiased for KL(π_ref ‖ π_θ) under samples from π_ref, not for the penalty GRPO states; this
 * follows Schulman and DeepSeekMath (eq. 4). K1 is the per-token penalty of §7.3's reward
 * shaping. The values, not their gradients, are what is unbiased: the gradient of a sampled
 * estimator can be biased (Tang &amp; Munos 2025, cited in §7.6).
 */
public enum KlEstimator {
  K1 {
    @Override
    NDArray of(NDArray logR) {
      return logR.neg();
    }
  },
  K2 {
    @Override
    NDArray of(NDArray logR) {
      return Scalars.mul(logR.square(), 0.5);
    }
  },
  K3 {
    @Override
    NDArray of(NDArray logR) {
      return logR.exp().sub(1f).sub(logR);
    }
  };

  abstract NDArray of(NDArray logR);

  /**
   * The estimate at each response token, zero on padding: [B, T] from the policy's and the
   * reference's log-probabilities of the sampled tokens (the reference's are detached).
   */
  public NDArray perToken(NDArray logProbs, NDArray refLogProbs, NDArray mask) {
    Tensors.requireShape("refLogProbs", refLogProbs, logProbs.getShape(), "the reference's log-probabilities");
    Tensors.requireShape("mask", mask, logProbs.getShape(), "the response mask");
    NDArray keep = Tensors.keep(mask);
    // log r = log π_ref − log π_θ, 0 on padding
    NDArray logR = Tensors.onMask(logProbs, keep).neg().add(Tensors.onMask(refLogProbs.stopGradient(), keep));
    return of(logR).mul(Tensors.maskLike(mask, logProbs));
  }
}
