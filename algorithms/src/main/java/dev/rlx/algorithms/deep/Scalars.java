package dev.rlx.algorithms.deep;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.function.BinaryOperator;

/**
 * Tensor–constant arithmetic that is safe inside a recorded graph.
 *
 * <p>DJL's {@code x.mul(0.5f)} (also {@code div}, {@code pow}, {@code maximum}, {@code minimum})
 * turns the constant into a tensor that wraps a Java direct buffer and closes it as soon as the
 * op returns. Autograd saves that tensor for the backward pass of these ops; once closed, nothing
 * keeps the buffer reachable, and a garbage collection before {@code backward} frees memory the
 * graph still reads. The gradient then silently uses whatever now lives there: same-seed PPO runs
 * diverged on every try with a collector thread calling {@code System.gc()}, and now and then
 * without one. Here the constant is a tensor torch allocates, so the saved copy owns its storage.
 * ({@code add} and {@code sub} save nothing and are safe with plain numbers, as is any arithmetic
 * outside a gradient collector.)
 */
public final class Scalars {

  private Scalars() {}

  /** x · c. */
  public static NDArray mul(NDArray x, double c) {
    return apply(x, c, NDArray::mul);
  }

  /** x / c. */
  public static NDArray div(NDArray x, double c) {
    return apply(x, c, NDArray::div);
  }

  /** max(x, c), elementwise. */
  public static NDArray maximum(NDArray x, double c) {
    return apply(x, c, NDArray::maximum);
  }

  /** min(x, c), elementwise. */
  public static NDArray minimum(NDArray x, double c) {
    return apply(x, c, NDArray::minimum);
  }

  /** op(x, c) with c as a tensor torch owns, its handle closed once the op has returned. */
  private static NDArray apply(NDArray x, double c, BinaryOperator<NDArray> op) {
    try (NDArray s = of(x, c)) {
      return op.apply(x, s);
    }
  }

  /**
   * A 0-d float32 tensor on x's manager, as DJL makes for a {@code float} operand (so type
   * promotion is unchanged), but in memory torch owns: closing this handle leaves the graph's
   * reference valid.
   */
  private static NDArray of(NDArray x, double c) {
    return x.getManager().full(new Shape(), (float) c);
  }
}
