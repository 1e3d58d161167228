package dev.rlx.algorithms.deep;

/** Statistics of a batch of floats shared by the policy-gradient algorithms. */
public final class BatchStatistics {

  private BatchStatistics() {}

  /**
   * 1 − Var[R − V] / Var[R]: how much of the returns' variance the value predictions explain
   * (1 perfect, 0 no better than a constant, negative worse); NaN when the returns are constant.
   */
  public static double explainedVariance(float[] predicted, float[] target) {
    double meanT = 0;
    double meanR = 0;
    for (int k = 0; k < target.length; k++) {
      meanT += target[k];
      meanR += target[k] - predicted[k];
    }
    meanT /= target.length;
    meanR /= target.length;
    double varT = 0;
    double varR = 0;
    for (int k = 0; k < target.length; k++) {
      varT += (target[k] - meanT) * (target[k] - meanT);
      double r = target[k] - predicted[k] - meanR;
      varR += r * r;
    }
    return varT == 0 ? Double.NaN : 1 - varR / varT;
  }

  /** (x − mean) / (std + 1e-8) in place, with the unbiased std as torch's {@code std()}. */
  public static void standardize(float[] x) {
    double mean = 0;
    for (float v : x) {
      mean += v;
    }
    mean /= x.length;
    double var = 0;
    for (float v : x) {
      var += (v - mean) * (v - mean);
    }
    double std = Math.sqrt(var / Math.max(1, x.length - 1));
    for (int k = 0; k < x.length; k++) {
      x[k] = (float) ((x[k] - mean) / (std + 1e-8));
    }
  }
}
