package dev.rlx.sweeps;

/**
 * SplitMix64 (Steele, Lea &amp; Flood 2014). Written out rather than borrowed from the JDK so
 * that the sequence, and hence every random-search plan, is fixed by this file alone and
 * stays identical across JDK versions.
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

  /** Uniform on [0, bound), bound &gt; 0, without modulo bias (rejection sampling). */
  public long nextLong(long bound) {
    if (bound <= 0) {
      throw new IllegalArgumentException("bound must be positive, got " + bound);
    }
    long limit = Long.remainderUnsigned(-bound, bound); // 2^64 mod bound
    while (true) {
      long r = nextLong();
      if (Long.compareUnsigned(r, limit) >= 0) {
        return Long.remainderUnsigned(r, bound);
      }
    }
  }
}
