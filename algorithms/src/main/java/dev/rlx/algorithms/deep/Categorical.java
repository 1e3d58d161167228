package dev.rlx.algorithms.deep;

import ai.djl.ndarray.NDArray;
import java.util.SplittableRandom;

/** The categorical distribution over discrete actions, parameterised by logits. */
public final class Categorical {

  private Categorical() {}

  /** log π(a | s) for each row of {@code logits} [B, A] and the action in {@code actions} [B] (int64). */
  public static NDArray logProb(NDArray logits, NDArray actions) {
    NDArray logp = logits.logSoftmax(1);
    return logp.gather(actions.reshape(-1, 1), 1).reshape(-1);
  }

  /** H(π(· | s)) = −Σ_a π log π, per row. */
  public static NDArray entropy(NDArray logits) {
    NDArray logp = logits.logSoftmax(1);
    return logp.exp().mul(logp).sum(new int[] {1}).neg();
  }

  /**
   * Samples an action from the logits of one row (on the host: DJL's PyTorch engine has no
   * multinomial), returning it and writing log π(a | s) into {@code logProb[0]}.
   */
  public static int sample(float[] logits, int offset, int count, SplittableRandom rng, float[] logProb) {
    double max = Double.NEGATIVE_INFINITY;
    for (int a = 0; a < count; a++) {
      max = Math.max(max, logits[offset + a]);
    }
    double sum = 0;
    for (int a = 0; a < count; a++) {
      sum += Math.exp(logits[offset + a] - max);
    }
    double logSum = max + Math.log(sum);
    double u = rng.nextDouble();
    double cumulative = 0;
    int chosen = count - 1;
    for (int a = 0; a < count; a++) {
      cumulative += Math.exp(logits[offset + a] - logSum);
      if (u < cumulative) {
        chosen = a;
        break;
      }
    }
    logProb[0] = (float) (logits[offset + chosen] - logSum);
    return chosen;
  }

  /**
   * The index of the largest of {@code count} values from {@code offset}, the first on ties: the
   * most probable action of a row of logits (evaluation), the greedy action of a row of Q-values.
   */
  public static int greedy(float[] logits, int offset, int count) {
    int best = 0;
    for (int a = 1; a < count; a++) {
      if (logits[offset + a] > logits[offset + best]) {
        best = a;
      }
    }
    return best;
  }
}
