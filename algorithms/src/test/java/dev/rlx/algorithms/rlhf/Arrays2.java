package dev.rlx.algorithms.rlhf;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.function.Function;

/** Small builders for the hand-computed tensors of these tests. */
final class Arrays2 {

  private Arrays2() {}

  static NDArray rows(NDManager m, float[][] values) {
    int b = values.length;
    int t = values[0].length;
    float[] flat = new float[b * t];
    for (int i = 0; i < b; i++) {
      System.arraycopy(values[i], 0, flat, i * t, t);
    }
    return m.create(flat, new Shape(b, t));
  }

  static float sigmoid(double x) {
    return (float) (1 / (1 + Math.exp(-x)));
  }

  static double softplus(double x) {
    return Math.log1p(Math.exp(x));
  }

  static float log(double x) {
    return (float) Math.log(x);
  }

  /** ∂loss/∂x by autograd (one collector at a time: docs/djl.md). */
  static float[] gradient(NDArray x, Function<NDArray, NDArray> loss) {
    x.setRequiresGradient(true);
    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      collector.backward(loss.apply(x));
    }
    try (NDArray g = x.getGradient()) {
      return g.toFloatArray();
    }
  }

  /** Central finite differences of loss at x, step h, for the entries where {@code at} is true. */
  static float[] finiteDifferences(NDManager m, float[] x, Shape shape, double h, Function<NDArray, NDArray> loss) {
    float[] g = new float[x.length];
    for (int k = 0; k < x.length; k++) {
      float[] plus = x.clone();
      float[] minus = x.clone();
      plus[k] += (float) h;
      minus[k] -= (float) h;
      double up = loss.apply(m.create(plus, shape)).getFloat();
      double down = loss.apply(m.create(minus, shape)).getFloat();
      g[k] = (float) ((up - down) / (plus[k] - minus[k]));
    }
    return g;
  }
}
