package dev.rlx.algorithms.rlhf;

import ai.djl.ndarray.NDArray;
import dev.rlx.algorithms.deep.Scalars;

/**
 * How a [B, T] array of per-token losses becomes one number (references.md §7.7, DAPO fix 3).
 *
 * <pre>
 *   SEQUENCE_MEAN   L = 1/B · Σ_i ( 1/|y_i| · Σ_t m_it ℓ_it )       GRPO's original (DeepSeekMath eq. 3)
 *   TOKEN_MEAN      L = Σ_i Σ_t m_it ℓ_it / Σ_i Σ_t m_it             DAPO's token-level loss
 * </pre>
 *
 * with |y_i| = Σ_t m_it. Under SEQUENCE_MEAN each response weighs the same, so a token of a long
 * response weighs less than a token of a short one; under TOKEN_MEAN every token weighs the
 * same. They agree when all responses have the same length. A row with an empty mask counts as
 * a response of loss 0 under SEQUENCE_MEAN (its length is clamped to 1, as TRL does); an
 * all-empty batch gives 0 under both.
 */
public enum LossAggregation {
  SEQUENCE_MEAN {
    @Override
    public NDArray aggregate(NDArray perToken, NDArray mask) {
      NDArray m = Tensors.maskLike(mask, perToken);
      return perToken.mul(m).sum(new int[] {1}).div(Scalars.maximum(m.sum(new int[] {1}), 1)).mean();
    }
  },
  TOKEN_MEAN {
    @Override
    public NDArray aggregate(NDArray perToken, NDArray mask) {
      NDArray m = Tensors.maskLike(mask, perToken);
      return perToken.mul(m).sum().div(Scalars.maximum(m.sum(), 1));
    }
  };

  /** The scalar loss from per-token losses [B, T] and the response mask [B, T]. */
  public abstract NDArray aggregate(NDArray perToken, NDArray mask);
}
