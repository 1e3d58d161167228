package dev.rlx.environments.classic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A trajectory of a Gymnasium environment written by
 * {@code src/test/resources/reference/gymnasium_classic_control.py}: row 0 the start
 * observation, then per step the action taken, the observation, reward and termination flag.
 */
record ReferenceTrajectory(List<Row> rows) {

  /**
   * Relative tolerance: 1e-6 of the component's largest magnitude over the trajectory, since a
   * velocity crossing zero has no meaningful relative error (one float32 ulp of the state at
   * its usual size is then many times the value itself).
   */
  static final double RELATIVE = 1e-6;

  record Row(int step, String action, double[] observation, double reward, boolean terminated) {}

  static ReferenceTrajectory load(String name) {
    var in = ReferenceTrajectory.class.getResourceAsStream("/reference/" + name);
    assertThat(in).as("test resource /reference/%s", name).isNotNull();
    try (var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String[] header = reader.readLine().split(",");
      int observationSize = header.length - 4;
      List<Row> rows = new ArrayList<>();
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        String[] f = line.split(",", -1);
        double[] obs = new double[observationSize];
        for (int k = 0; k < observationSize; k++) {
          obs[k] = Double.parseDouble(f[2 + k]);
        }
        boolean start = f[1].isEmpty();
        rows.add(new Row(Integer.parseInt(f[0]), f[1], obs, start ? 0 : Double.parseDouble(f[2 + observationSize]),
            !start && f[3 + observationSize].equals("1")));
      }
      return new ReferenceTrajectory(rows);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The steps after the start row. */
  List<Row> steps() {
    return rows.subList(1, rows.size());
  }

  /** The largest magnitude of each observation component over the trajectory. */
  double[] observationScale() {
    double[] scale = new double[rows.get(0).observation().length];
    for (Row row : rows) {
      for (int k = 0; k < scale.length; k++) {
        scale[k] = Math.max(scale[k], Math.abs(row.observation()[k]));
      }
    }
    return scale;
  }

  /** Observation row {@code offset..} of {@code actual} against the reference row, to 1e-6 of each component's scale. */
  void assertObservationClose(int step, float[] actual, int offset, double[] expected) {
    double[] scale = observationScale();
    for (int k = 0; k < expected.length; k++) {
      double error = Math.abs(actual[offset + k] - expected[k]);
      assertThat(error)
          .as("observation[%d] at step %d: %s vs Gymnasium's %s", k, step, actual[offset + k], expected[k])
          .isLessThanOrEqualTo(RELATIVE * Math.max(Math.abs(expected[k]), scale[k]));
    }
  }

  /** A reward against the reference, to 1e-6 relative. */
  static void assertRewardClose(int step, double actual, double expected) {
    assertThat(Math.abs(actual - expected))
        .as("reward at step %d: %s vs Gymnasium's %s", step, actual, expected)
        .isLessThanOrEqualTo(RELATIVE * Math.abs(expected));
  }
}
