package dev.rlx.algorithms.rlhf;

/** DAPO's soft overlong punishment (references.md §7.7; Yu et al. 2025, eq. 13), a switch of {@link Grpo}. */
public final class OverlongPenalty {

  private OverlongPenalty() {}

  /**
   * Soft overlong punishment, added to the reward of a response of {@code length} tokens. §7.7
   * names it ("smooth penalty for responses that exceed the length limit") without a formula;
   * this is the DAPO paper's eq. 13, with L_max = {@code maxLength} and L_cache = {@code cacheLength}:
   *
   * <pre>
   *   R_length(y) = 0                                   |y| ≤ L_max − L_cache
   *                 ((L_max − L_cache) − |y|) / L_cache  L_max − L_cache &lt; |y| ≤ L_max
   *                 −1                                  L_max &lt; |y|
   * </pre>
   *
   * It is continuous: 0 at |y| = L_max − L_cache, falling linearly to −1 at |y| = L_max.
   */
  public static double of(int length, int maxLength, int cacheLength) {
    if (length < 0) {
      throw new IllegalArgumentException("length must be ≥ 0, found " + length);
    }
    if (cacheLength <= 0 || cacheLength > maxLength) {
      throw new IllegalArgumentException("cacheLength must lie in [1, maxLength] (DAPO: L_max = 20480, L_cache = 4096),"
          + " found cacheLength=" + cacheLength + ", maxLength=" + maxLength);
    }
    int expected = maxLength - cacheLength;
    if (length <= expected) {
      return 0;
    }
    if (length <= maxLength) {
      return (double) (expected - length) / cacheLength;
    }
    return -1;
  }
}
