package dev.rlx.algorithms.deep;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.Initializer;
import java.util.SplittableRandom;

/**
 * Orthogonal initialisation (Saxe et al. 2014) scaled by {@code gain}, as PPO implementations
 * use it ("implementation matters": √2 for hidden layers, 0.01 for the policy head, 1 for the
 * value head): a Gaussian matrix orthonormalised by Gram–Schmidt over its shorter side.
 * Seeded, so the same trial seed gives the same network.
 */
public final class OrthogonalInitializer implements Initializer {

  private final double gain;
  private final SplittableRandom rng;

  public OrthogonalInitializer(double gain, SplittableRandom rng) {
    this.gain = gain;
    this.rng = rng;
  }

  @Override
  public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
    int rows = (int) shape.get(0); // Linear weights are [out, in]
    int cols = (int) (shape.size() / rows);
    boolean transpose = rows < cols; // orthonormalise the longer vectors: rows ≥ cols after transposing
    int r = transpose ? cols : rows;
    int c = transpose ? rows : cols;
    double[][] q = new double[c][r]; // c orthonormal columns of length r
    for (int j = 0; j < c; j++) {
      for (int i = 0; i < r; i++) {
        q[j][i] = gaussian();
      }
      for (int k = 0; k < j; k++) {
        double dot = 0;
        for (int i = 0; i < r; i++) {
          dot += q[j][i] * q[k][i];
        }
        for (int i = 0; i < r; i++) {
          q[j][i] -= dot * q[k][i];
        }
      }
      double norm = 0;
      for (int i = 0; i < r; i++) {
        norm += q[j][i] * q[j][i];
      }
      norm = Math.sqrt(norm);
      for (int i = 0; i < r; i++) {
        q[j][i] /= norm;
      }
    }
    float[] data = new float[rows * cols];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        data[i * cols + j] = (float) (gain * (transpose ? q[i][j] : q[j][i]));
      }
    }
    // A copy torch allocates itself: an array made from host data wraps a Java direct buffer, and
    // parameters left wrapping one trained differently from run to run on a loaded machine (same
    // seed; found with the LM's parameters, see lm/CausalLm#weight).
    // (toType(…, copy) is no copy for the same type: torch's to() returns the tensor itself.)
    try (NDArray host = manager.create(data, shape)) {
      NDArray typed = host.toType(dataType, false);
      NDArray owned = typed.duplicate();
      if (typed != host) {
        typed.close();
      }
      return owned;
    }
  }

  private double gaussian() {
    // Box–Muller: SplittableRandom has no nextGaussian on Java 17.
    double u = 1 - rng.nextDouble();
    double v = rng.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}
