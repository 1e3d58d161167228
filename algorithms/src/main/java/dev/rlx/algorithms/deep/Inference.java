package dev.rlx.algorithms.deep;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;

/** Forward passes for acting and evaluation: no graph recorded, every tensor freed at once. */
public final class Inference {

  private Inference() {}

  /**
   * {@code net}'s outputs for {@code n} rows of {@code d} floats, row-major on the host. The
   * input and outputs live in a sub-manager closed before returning (docs/djl.md:
   * otherwise native memory grows with every step).
   */
  public static float[] predict(Block net, ParameterStore store, NDManager manager, float[] rows, int n, int d) {
    try (NDManager step = manager.newSubManager()) {
      return net.forward(store, new NDList(step.create(rows, new Shape(n, d))), false).singletonOrThrow().toFloatArray();
    }
  }
}
