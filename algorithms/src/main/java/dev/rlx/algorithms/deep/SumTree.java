package dev.rlx.algorithms.deep;

/**
 * A binary tree whose leaves hold non-negative priorities p_0 … p_{n−1} and whose inner nodes
 * hold the sums of their children (Schaul, Quan, Antonoglou &amp; Silver 2016, Appendix B.2.1):
 * setting a priority and finding the leaf where a prefix sum falls both take O(log n).
 * Stored as an array of 2·m doubles, m the capacity rounded up to a power of two: the root
 * at 1, the children of node k at 2k and 2k + 1, leaf i at m + i (leaves past the capacity
 * stay 0).
 */
public final class SumTree {

  private final int capacity;
  private final int leaves;
  private final double[] nodes;

  public SumTree(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
    }
    this.capacity = capacity;
    int m = 1;
    while (m < capacity) {
      m <<= 1;
    }
    this.leaves = m;
    this.nodes = new double[2 * leaves];
  }

  public int capacity() {
    return capacity;
  }

  /** Σ_i p_i. */
  public double total() {
    return nodes[1];
  }

  public double get(int i) {
    return nodes[leaves + checkIndex(i)];
  }

  /** Sets p_i and the sums on its path to the root. */
  public void set(int i, double priority) {
    if (!(priority >= 0) || Double.isInfinite(priority)) {
      throw new IllegalArgumentException("priority must be finite and >= 0, got " + priority + " for leaf " + i);
    }
    int k = leaves + checkIndex(i);
    nodes[k] = priority;
    for (k >>= 1; k >= 1; k >>= 1) {
      nodes[k] = nodes[2 * k] + nodes[2 * k + 1];
    }
  }

  /**
   * The leaf i with p_0 + … + p_{i−1} ≤ {@code prefix} &lt; p_0 + … + p_i, found by walking down
   * from the root (go left when the prefix falls within the left subtree's sum, else subtract
   * that sum and go right). A prefix at or past the total, or a rounding error that would lead
   * into an all-zero subtree, ends at the last leaf with a positive priority on the way, so a
   * zero-priority leaf is never returned while the total is positive.
   */
  public int find(double prefix) {
    if (!(total() > 0)) {
      throw new IllegalStateException("cannot sample from a sum tree whose priorities are all 0");
    }
    double u = Math.max(0, prefix);
    int k = 1;
    while (k < leaves) {
      double left = nodes[2 * k];
      if (u < left || nodes[2 * k + 1] <= 0) {
        u = Math.min(u, left);
        k = 2 * k;
      } else {
        u -= left;
        k = 2 * k + 1;
      }
    }
    return k - leaves;
  }

  private int checkIndex(int i) {
    if (i < 0 || i >= capacity) {
      throw new IndexOutOfBoundsException("leaf " + i + " outside [0, " + capacity + ")");
    }
    return i;
  }
}
