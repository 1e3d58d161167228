package dev.rlx.algorithms.deep;

/**
 * Running means of a fixed set of diagnostics (losses, entropy, gradient norm …), summed in
 * double as they come and divided by their count when logged.
 */
public final class Averages {

  private final double[] sums;
  private int count;

  public Averages(int size) {
    this.sums = new double[size];
  }

  /** Adds one observation of every diagnostic, in the constructor's order. */
  public void add(double... values) {
    if (values.length != sums.length) {
      throw new IllegalArgumentException("expected " + sums.length + " values, got " + values.length);
    }
    for (int i = 0; i < sums.length; i++) {
      sums[i] += values[i];
    }
    count++;
  }

  /** The mean of diagnostic {@code i} since the last {@link #clear}, NaN if nothing was added. */
  public double mean(int i) {
    return count == 0 ? Double.NaN : sums[i] / count;
  }

  /** Observations added since the last {@link #clear}. */
  public int count() {
    return count;
  }

  public void clear() {
    java.util.Arrays.fill(sums, 0);
    count = 0;
  }
}
