package dev.rlx.algorithms.deep;

/**
 * Running mean and variance of a vector stream (Chan et al.'s parallel update), as used for
 * observation normalisation and reward scaling in PPO implementations.
 */
public final class RunningMeanStd {

  private final double[] mean;
  private final double[] var;
  private double count = 1e-4;

  public RunningMeanStd(int size) {
    mean = new double[size];
    var = new double[size];
    java.util.Arrays.fill(var, 1.0);
  }

  /** Adds {@code rows} vectors stored row-major in {@code data}. */
  public void update(float[] data, int rows) {
    int d = mean.length;
    double[] batchMean = new double[d];
    double[] batchVar = new double[d];
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
    double total = count + rows;
    for (int j = 0; j < d; j++) {
      batchVar[j] /= rows;
      double delta = batchMean[j] - mean[j];
      mean[j] += delta * rows / total;
      var[j] = (var[j] * count + batchVar[j] * rows + delta * delta * count * rows / total) / total;
    }
    count = total;
  }

  /** (x − mean) / √(var + 1e-8), clipped to ±10, in place. */
  public void normalize(float[] data, int rows) {
    int d = mean.length;
    for (int r = 0; r < rows; r++) {
      for (int j = 0; j < d; j++) {
        double z = (data[r * d + j] - mean[j]) / Math.sqrt(var[j] + 1e-8);
        data[r * d + j] = (float) Math.max(-10, Math.min(10, z));
      }
    }
  }

  public double variance(int j) {
    return var[j];
  }
}
