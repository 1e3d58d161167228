package dev.rlx.core.report;

import java.util.List;

/**
 * Mean, standard deviation and 95% confidence half-width (Student's t) of one group's
 * per-seed values.
 */
public record GroupStatistics(int n, double mean, double std, double ci95) {

  /** t_{0.975, df} for df = 1..30; beyond that the normal 1.96 is within 2%. */
  private static final double[] T975 = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
      2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060,
      2.056, 2.052, 2.048, 2.045, 2.042};

  public static GroupStatistics of(List<Double> values) {
    int n = values.size();
    double mean = values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    if (n < 2) {
      return new GroupStatistics(n, mean, 0, Double.NaN);
    }
    double ss = 0;
    for (double v : values) {
      ss += (v - mean) * (v - mean);
    }
    double std = Math.sqrt(ss / (n - 1));
    double t = n - 1 <= T975.length ? T975[n - 2] : 1.96;
    return new GroupStatistics(n, mean, std, t * std / Math.sqrt(n));
  }
}
