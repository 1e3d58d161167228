package dev.rlx.algorithms.search;

/**
 * The random stream of a search player: SplitMix64 (Steele, Lea &amp; Flood 2014), seeded from
 * {@link dev.rlx.api.GameSeat#seed()}. Written out (as {@code dev.rlx.sweeps.SplitMix64} is,
 * which plugins may not see) so that a seed fixes every move a player makes, across JDK
 * versions, and so that a draw costs an add, two multiplies and no allocation.
 */
public final class SplitMix64 {

  private long state;

  public SplitMix64(long seed) {
    this.state = seed;
  }

  public long nextLong() {
    long z = (state += 0x9E3779B97F4A7C15L);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Uniform on [0, 1) with 53 random bits. */
  public double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  /**
   * Uniform on [0, bound), bound &gt; 0, without bias: Lemire's multiply-shift (2019), which
   * divides only on the rare draw it has to reject.
   */
  public int nextInt(int bound) {
    if (bound <= 0) {
      throw new IllegalArgumentException("bound must be positive, got " + bound);
    }
    long product = (nextLong() >>> 32) * bound;
    int low = (int) product;
    if (Integer.compareUnsigned(low, bound) < 0) {
      int threshold = Integer.remainderUnsigned(-bound, bound); // 2^32 mod bound
      while (Integer.compareUnsigned(low, threshold) < 0) {
        product = (nextLong() >>> 32) * bound;
        low = (int) product;
      }
    }
    return (int) (product >>> 32);
  }

  /**
   * A uniformly random set bit of {@code mask} (a random legal move of
   * {@link dev.rlx.api.Game#legalMask()}): the k-th set bit for a uniform k, found by clearing
   * the lowest set bit k times.
   *
   * @throws IllegalArgumentException when {@code mask} is 0
   */
  public int nextSetBit(long mask) {
    int count = Long.bitCount(mask);
    if (count == 0) {
      throw new IllegalArgumentException("no set bit to choose from: the mask is 0 (no legal move)");
    }
    for (int k = nextInt(count); k > 0; k--) {
      mask &= mask - 1;
    }
    return Long.numberOfTrailingZeros(mask);
  }
}
