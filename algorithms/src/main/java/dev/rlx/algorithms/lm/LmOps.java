package dev.rlx.algorithms.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.rlx.algorithms.deep.Scalars;

/**
 * The per-token quantities every RLHF loss is built from, on the outputs of
 * {@link CausalLm#forward}. Results land on the manager of the first argument.
 */
public final class LmOps {

  private LmOps() {}

  /**
   * log π(x_{t+1} | x_≤t) for t = 0 … T−2: the log-softmax of logits[:, t] gathered at
   * tokens[:, t + 1]; [B, T] logits [B, T, V] and tokens [B, T] give [B, T − 1]. Entries whose
   * next token is padding are meaningless: multiply by a {@link TokenBatch#responseMask}.
   */
  public static NDArray tokenLogProbs(NDArray logits, NDArray tokens) {
    NDArray logp = logits.get(":, :-1, :").logSoftmax(2);
    NDArray next = tokens.get(":, 1:").toType(DataType.INT64, false).expandDims(2);
    return logp.gather(next, 2).squeeze(2);
  }

  /** Σ_t mask · x per row: [B, T'] → [B] (a sequence's log π(response | prompt) from {@link #tokenLogProbs}). */
  public static NDArray maskedSum(NDArray x, NDArray mask) {
    return x.mul(mask).sum(new int[] {1});
  }

  /** Σ mask · x / Σ mask over the whole batch: the token-level mean (SFT's loss averaging). */
  public static NDArray maskedMean(NDArray x, NDArray mask) {
    return x.mul(mask).sum().div(Scalars.maximum(mask.sum(), 1));
  }

  /** H(π(· | x_≤t)) = −Σ_v π log π per position: logits [B, T, V] → [B, T]. */
  public static NDArray entropy(NDArray logits) {
    NDArray logp = logits.logSoftmax(2);
    return logp.exp().mul(logp).sum(new int[] {2}).neg();
  }

  /** x[i, positions[i]] per row: [B, T] → [B] (e.g. the value at each row's last real token). */
  public static NDArray atPositions(NDArray x, int[] positions) {
    long[] index = new long[positions.length];
    for (int i = 0; i < positions.length; i++) {
      index[i] = positions[i];
    }
    NDArray idx = x.getManager().create(index, new Shape(positions.length, 1));
    return x.gather(idx, 1).squeeze(1);
  }
}
