package dev.rlx.api.wrappers;

import java.util.List;

/** Expected running moments, computed from all the data at once. */
final class ClosedForm {

  private ClosedForm() {}

  /**
   * {means, variances} of the rows combined with Gymnasium's prior, a pseudo-observation of
   * weight ε = 1e-4 at mean 0 with variance 1: mean = n·m̄/(n + ε),
   * var = (ε + Σ(x − m̄)² + m̄²·ε·n/(n + ε)) / (n + ε).
   */
  static double[][] withPrior(List<double[]> rows, int d) {
    double n = rows.size();
    double eps = RunningMeanStd.INITIAL_COUNT;
    double[] mean = new double[d];
    double[] var = new double[d];
    for (double[] row : rows) {
      for (int j = 0; j < d; j++) {
        mean[j] += row[j] / n;
      }
    }
    for (int j = 0; j < d; j++) {
      double m2 = 0;
      for (double[] row : rows) {
        m2 += (row[j] - mean[j]) * (row[j] - mean[j]);
      }
      var[j] = (eps + m2 + mean[j] * mean[j] * eps * n / (n + eps)) / (n + eps);
      mean[j] = n * mean[j] / (n + eps);
    }
    return new double[][] {mean, var};
  }

  /** clip((x − mean) / √(var + 1e-8), ±10). */
  static float normalized(double x, double mean, double var) {
    return (float) Math.max(-10, Math.min(10, (x - mean) / Math.sqrt(var + 1e-8)));
  }
}
