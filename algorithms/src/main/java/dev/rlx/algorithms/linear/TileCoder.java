package dev.rlx.algorithms.linear;

/**
 * Tile coding (Sutton &amp; Barto §9.5.4): {@code tilings} overlapping grids, each with
 * {@code tiles} intervals per state variable over the variable's range, offset from each other
 * by a fraction 1/tilings of a tile times the asymmetric displacement (1, 3, 5, …), as in
 * Sutton's tiles3. A state activates exactly one tile per tiling, so its feature vector is
 * binary with {@code tilings} ones; action a owns its own block of weights.
 */
public final class TileCoder {

  private final int tilings;
  private final int tiles;
  private final double[] low;
  private final double[] scale;
  private final int tilesPerTiling;
  private final int featuresPerAction;

  public TileCoder(int tilings, int tiles, double[] low, double[] high) {
    if (low.length != high.length) {
      throw new IllegalArgumentException("bounds of different dimensions: " + low.length + " and " + high.length);
    }
    this.tilings = tilings;
    this.tiles = tiles;
    this.low = low.clone();
    this.scale = new double[low.length];
    for (int i = 0; i < low.length; i++) {
      if (!(high[i] > low[i]) || !Double.isFinite(high[i] - low[i])) {
        throw new IllegalArgumentException("tile coding needs finite bounds with low < high; state variable " + i
            + " has [" + low[i] + ", " + high[i] + "]");
      }
      scale[i] = tiles / (high[i] - low[i]);
    }
    // One extra tile per dimension: an offset tiling sticks out past the upper bound.
    this.tilesPerTiling = Math.toIntExact(pow(tiles + 1, low.length));
    this.featuresPerAction = Math.multiplyExact(tilings, tilesPerTiling);
  }

  /** The number of tilings: how many features are active in every state. */
  public int tilings() {
    return tilings;
  }

  /** The length of the weight vector for {@code actions} actions. */
  public int featureCount(int actions) {
    return Math.multiplyExact(featuresPerAction, actions);
  }

  /** The indices of the {@link #tilings()} active features of (state, action), written into {@code active}. */
  public void activeFeatures(double[] state, int action, int[] active) {
    for (int t = 0; t < tilings; t++) {
      int index = 0;
      int stride = 1;
      for (int i = 0; i < state.length; i++) {
        double scaled = Math.max(0, Math.min(tiles, (state[i] - low[i]) * scale[i]));
        // tiles3: q = ⌊scaled·tilings⌋, coordinate = ⌊(q + t·(2i+1) mod tilings) / tilings⌋
        int q = (int) Math.floor(scaled * tilings);
        int coordinate = (q + (t * (2 * i + 1)) % tilings) / tilings;
        index += Math.min(coordinate, tiles) * stride;
        stride *= tiles + 1;
      }
      active[t] = action * featuresPerAction + t * tilesPerTiling + index;
    }
  }

  private static long pow(int base, int exponent) {
    long result = 1;
    for (int i = 0; i < exponent; i++) {
      result = Math.multiplyExact(result, base);
    }
    return result;
  }
}
