package dev.rlx.api.wrappers;

import java.util.Arrays;

/**
 * Running mean and (population) variance of a stream of vectors, updated a batch at a time with
 * Chan et al.'s parallel combination, as Gymnasium's {@code gymnasium/wrappers/utils.py}
 * {@code RunningMeanStd} and OpenAI Baselines do. For a batch of n rows with mean m_b and
 * variance v_b, and δ = m_b − mean:
 * <pre>
 *   mean ← mean + δ·n / (count + n)
 *   var  ← (var·count + v_b·n + δ²·count·n / (count + n)) / (count + n)
 *   count ← count + n
 * </pre>
 * Like Gymnasium it starts from mean 0, variance 1 and a pseudo-count of 1e-4 (a prior that
 * keeps the first normalisation finite); with an initial count of 0 it is exactly the mean
 * and variance of the data seen. Updates allocate nothing once the first batch of floats has sized the scratch.
 */
public final class RunningMeanStd {

  /** Gymnasium's initial pseudo-count ({@code epsilon=1e-4}). */
  public static final double INITIAL_COUNT = 1e-4;

  private final double[] mean;
  private final double[] var;
  private double count;
  private final double[] batchMean; // scratch of update(), reused
  private final double[] batchVar;
  private double[] widened = new double[0]; // float batches as doubles, reused

  /** Statistics of vectors of {@code size} components, with Gymnasium's prior (count 1e-4, mean 0, variance 1). */
  public RunningMeanStd(int size) {
    this(size, INITIAL_COUNT);
  }

  /** Statistics of vectors of {@code size} components starting from a pseudo-count {@code initialCount} ≥ 0. */
  public RunningMeanStd(int size, double initialCount) {
    if (size < 1) {
      throw new IllegalArgumentException("size must be at least 1, was " + size);
    }
    if (!(initialCount >= 0)) {
      throw new IllegalArgumentException("initialCount must be ≥ 0 (Gymnasium uses 1e-4), was " + initialCount);
    }
    mean = new double[size];
    var = new double[size];
    Arrays.fill(var, 1.0);
    count = initialCount;
    batchMean = new double[size];
    batchVar = new double[size];
  }

  /** The number of components of each vector. */
  public int size() {
    return mean.length;
  }

  /**
   * Adds {@code rows} vectors stored row-major in {@code data}: widened to double first (exact),
   * into a scratch array kept for the next call, then as {@link #update(double[], int)}.
   */
  public void update(float[] data, int rows) {
    int n = Math.max(rows, 0) * mean.length;
    if (widened.length < n) {
      widened = new double[n];
    }
    for (int i = 0; i < n; i++) {
      widened[i] = data[i];
    }
    update(widened, rows);
  }

  /** Adds {@code rows} vectors stored row-major in {@code data}. */
  public void update(double[] data, int rows) {
    if (rows <= 0) {
      return;
    }
    int d = mean.length;
    Arrays.fill(batchMean, 0);
    Arrays.fill(batchVar, 0);
    for (int r = 0; r < rows; r++) {
      for (int j = 0; j < d; j++) {
        batchMean[j] += data[r * d + j];
      }
    }
    for (int j = 0; j < d; j++) {
      batchMean[j] /= rows;
    }
    for (int r = 0; r < rows; r++) {
      for (int j = 0; j < d; j++) {
        double x = data[r * d + j] - batchMean[j];
        batchVar[j] += x * x;
      }
    }
    combine(rows);
  }

  /** Chan et al.'s combination of the running moments with the batch's (batchVar holds n·v_b here). */
  private void combine(int rows) {
    double total = count + rows;
    for (int j = 0; j < mean.length; j++) {
      double delta = batchMean[j] - mean[j];
      mean[j] += delta * rows / total;
      var[j] = (var[j] * count + batchVar[j] + delta * delta * count * rows / total) / total;
    }
    count = total;
  }

  /** (x − mean) / √(var + 1e-8), clipped to ±10, in place, for {@code rows} row-major vectors. */
  public void normalize(float[] data, int rows) {
    for (int r = 0; r < rows; r++) {
      normalizeRow(data, r * mean.length, 1e-8, 10);
    }
  }

  /** (x − mean) / √(var + epsilon), clipped to ±clip, in place, for the vector at {@code offset}. */
  public void normalizeRow(float[] data, int offset, double epsilon, double clip) {
    for (int j = 0; j < mean.length; j++) {
      double z = (data[offset + j] - mean[j]) / Math.sqrt(var[j] + epsilon);
      data[offset + j] = (float) Math.max(-clip, Math.min(clip, z));
    }
  }

  public double mean(int j) {
    return mean[j];
  }

  public double variance(int j) {
    return var[j];
  }

  /** The number of vectors seen, plus the initial pseudo-count. */
  public double count() {
    return count;
  }
}
