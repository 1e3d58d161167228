package dev.rlx.algorithms.linear;

import dev.rlx.api.ContinuousStateEnvironment;

/**
 * q̂(s, a, w) = wᵀx(s, a) for binary tile-coded features: the sum of the weights of the
 * active tiles. Shared by the linear control algorithms.
 */
final class LinearActionValues {

  private final TileCoder coder;
  private final int actions;
  final double[] weights;

  LinearActionValues(TileCoder coder, int actions) {
    this.coder = coder;
    this.actions = actions;
    this.weights = new double[coder.featureCount(actions)];
  }

  /** q̂ over {@code tilings} tilings of {@code tiles} per state variable of {@code env}'s state box. */
  static LinearActionValues tileCoded(int tilings, int tiles, ContinuousStateEnvironment env) {
    return new LinearActionValues(new TileCoder(tilings, tiles, env.stateLow(), env.stateHigh()), env.actionCount());
  }

  int actions() {
    return actions;
  }

  /** A scratch array for the active features of every action: [action][tiling]. */
  int[][] newFeatures() {
    return new int[actions][coder.tilings()];
  }

  /** Fills {@code active[a]} with the features of (state, a) and {@code values[a]} with q̂(state, a) for every a. */
  void evaluate(double[] state, int[][] active, double[] values) {
    for (int a = 0; a < actions; a++) {
      coder.activeFeatures(state, a, active[a]);
      values[a] = value(active[a]);
    }
  }

  /** wᵀx for the binary feature vector x with ones at {@code active}. */
  double value(int[] active) {
    double sum = 0;
    for (int i : active) {
      sum += weights[i];
    }
    return sum;
  }
}
