package dev.rlx.api.wrappers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Chan et al.'s running moments against the two-pass mean and variance of the same data. */
class RunningMeanStdTest {

  private static final int[] BATCH_SIZES = {1, 7, 64, 3, 200, 1, 25};

  @Test
  void withoutAPriorIsTheTwoPassMeanAndVarianceOfEveryRowSeen() {
    RunningMeanStd floats = new RunningMeanStd(3, 0);
    RunningMeanStd doubles = new RunningMeanStd(3, 0);
    List<float[]> rows = feed(floats, doubles);
    double[][] moments = twoPass(rows, 3);
    for (int j = 0; j < 3; j++) {
      for (RunningMeanStd rms : List.of(floats, doubles)) {
        assertThat(rms.mean(j)).isCloseTo(moments[0][j], within(1e-9 * Math.abs(moments[0][j])));
        assertThat(rms.variance(j)).isCloseTo(moments[1][j], within(1e-9 * moments[1][j]));
      }
    }
    assertThat(floats.count()).isEqualTo(rows.size());
  }

  @Test
  void gymnasiumsPriorActsAsAPseudoObservationOfWeightOneTenThousandthAtMeanZeroVarianceOne() {
    RunningMeanStd floats = new RunningMeanStd(3);
    RunningMeanStd doubles = new RunningMeanStd(3);
    List<float[]> rows = feed(floats, doubles);
    double[][] moments = twoPass(rows, 3);
    double n = rows.size();
    double eps = RunningMeanStd.INITIAL_COUNT;
    for (int j = 0; j < 3; j++) {
      double mean = moments[0][j];
      double m2 = moments[1][j] * n;
      // Chan's combination of (count ε, mean 0, var 1) with the data, in closed form.
      double expectedMean = n * mean / (n + eps);
      double expectedVar = (eps + m2 + mean * mean * eps * n / (n + eps)) / (n + eps);
      for (RunningMeanStd rms : List.of(floats, doubles)) {
        assertThat(rms.mean(j)).isCloseTo(expectedMean, within(1e-9 * Math.abs(expectedMean)));
        assertThat(rms.variance(j)).isCloseTo(expectedVar, within(1e-9 * expectedVar));
      }
    }
    assertThat(floats.count()).isCloseTo(n + eps, within(1e-12));
  }

  @Test
  void startsAtMeanZeroAndVarianceOneAndIgnoresEmptyBatches() {
    RunningMeanStd rms = new RunningMeanStd(2);
    rms.update(new float[0], 0);
    assertThat(rms.mean(0)).isZero();
    assertThat(rms.variance(1)).isEqualTo(1.0);
    assertThat(rms.count()).isEqualTo(RunningMeanStd.INITIAL_COUNT);
  }

  @Test
  void normalizesToZeroMeanUnitVarianceAndClips() {
    RunningMeanStd rms = new RunningMeanStd(1, 0);
    rms.update(new double[] {1, 3}, 2); // mean 2, variance 1
    float[] x = {4, 2, 2 + 50, 2 - 50};
    rms.normalize(x, 4);
    assertThat(x).containsExactly(new float[] {(float) (2 / Math.sqrt(1 + 1e-8)), 0, 10, -10}, within(1e-7f));
    float[] row = {4};
    rms.normalizeRow(row, 0, 0, 1.5);
    assertThat(row[0]).isEqualTo(1.5f);
  }

  /** Feeds the same random rows (far from zero, to test the numerics) in batches of varying size to both. */
  private static List<float[]> feed(RunningMeanStd floats, RunningMeanStd doubles) {
    SplittableRandom rng = new SplittableRandom(42);
    List<float[]> rows = new ArrayList<>();
    for (int size : BATCH_SIZES) {
      float[] batch = new float[size * 3];
      double[] batchAsDouble = new double[size * 3];
      for (int r = 0; r < size; r++) {
        float[] row = {(float) (1000 + 3 * rng.nextGaussian()), (float) (-2 + 0.01 * rng.nextGaussian()),
            (float) (rng.nextDouble() * 50)};
        rows.add(row);
        for (int j = 0; j < 3; j++) {
          batch[r * 3 + j] = row[j];
          batchAsDouble[r * 3 + j] = row[j];
        }
      }
      floats.update(batch, size);
      doubles.update(batchAsDouble, size);
    }
    return rows;
  }

  /** {means, population variances} of each component, by the textbook two passes. */
  static double[][] twoPass(List<float[]> rows, int d) {
    double[] mean = new double[d];
    double[] var = new double[d];
    for (float[] row : rows) {
      for (int j = 0; j < d; j++) {
        mean[j] += row[j];
      }
    }
    for (int j = 0; j < d; j++) {
      mean[j] /= rows.size();
    }
    for (float[] row : rows) {
      for (int j = 0; j < d; j++) {
        var[j] += (row[j] - mean[j]) * (row[j] - mean[j]);
      }
    }
    for (int j = 0; j < d; j++) {
      var[j] /= rows.size();
    }
    return new double[][] {mean, var};
  }
}
