package dev.rlx.algorithms.rlhf;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/** Argument checks and host-side masked statistics shared by the losses of this package. */
final class Tensors {

  private Tensors() {}

  static void requireShape(String name, NDArray array, Shape expected, String what) {
    if (array == null) {
      throw new IllegalArgumentException(name + " is missing: expected " + what + " of shape " + expected);
    }
    if (!array.getShape().equals(expected)) {
      throw new IllegalArgumentException(name + " has shape " + array.getShape() + " but must be " + what
          + " of shape " + expected);
    }
  }

  /** [B, T] token log-probabilities: returns the shape after checking it has two axes. */
  static Shape requireTokens(String name, NDArray logProbs) {
    if (logProbs == null || logProbs.getShape().dimension() != 2) {
      throw new IllegalArgumentException(name + " must be per-token log-probabilities of shape [B, T], found "
          + (logProbs == null ? "null" : logProbs.getShape()));
    }
    return logProbs.getShape();
  }

  /** [B] sequence-level values: returns B. */
  static long requireSequences(String name, NDArray values) {
    if (values == null || values.getShape().dimension() != 1) {
      throw new IllegalArgumentException(name + " must be one value per sequence, shape [B], found "
          + (values == null ? "null" : values.getShape()));
    }
    return values.getShape().get(0);
  }

  /** The mask cast to the type of {@code like}, so that it multiplies log-probabilities. */
  static NDArray maskLike(NDArray mask, NDArray like) {
    return mask.toType(like.getDataType(), false);
  }

  /** Whether each position is a response token: mask &gt; 0, as a boolean array. */
  static NDArray keep(NDArray mask) {
    return mask.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).gt(0f);
  }

  /**
   * x on response tokens, 0 on padding, selected rather than multiplied: padding that holds
   * ±inf or NaN (a −inf log-probability of a pad token) cannot turn into NaN through 0·inf, in
   * the values or in the gradients.
   */
  static NDArray onMask(NDArray x, NDArray keep) {
    return ai.djl.ndarray.NDArrays.where(keep, x, x.zerosLike());
  }

  /** A scalar array's value as a double, whatever its float type. */
  static double scalar(NDArray x) {
    return x.stopGradient().toType(ai.djl.ndarray.types.DataType.FLOAT32, false).getFloat();
  }

  static void requirePositive(String name, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(name + " must be a positive finite number, found " + value);
    }
  }

  /** Σ x·m / Σ m over a host copy; NaN when the mask is empty. */
  static double maskedMean(float[] x, float[] mask) {
    double sum = 0;
    double count = 0;
    for (int k = 0; k < x.length; k++) {
      if (mask[k] != 0) {
        sum += x[k];
        count++;
      }
    }
    return count == 0 ? Double.NaN : sum / count;
  }
}
