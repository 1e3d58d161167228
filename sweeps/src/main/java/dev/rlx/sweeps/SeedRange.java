package dev.rlx.sweeps;

import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * The seeds 0 … n − 1 of {@code seeds: n}, without a list of them: a sweep of two billion seeds
 * is refused by its size ({@link SweepDefinition#trialCount()}) before anything of that size is
 * allocated. Immutable.
 */
public final class SeedRange extends AbstractList<Long> implements RandomAccess {

  private final long count;

  private SeedRange(long count) {
    this.count = count;
  }

  /** The seeds 0 … {@code count} − 1; {@code count} ≥ 1. */
  public static SeedRange of(long count) {
    if (count < 1) {
      throw new IllegalArgumentException("a seed count is at least 1, got " + count);
    }
    return new SeedRange(count);
  }

  /** How many seeds, which may exceed what {@link #size()} can say. */
  public long count() {
    return count;
  }

  @Override
  public int size() {
    return (int) Math.min(count, Integer.MAX_VALUE);
  }

  @Override
  public Long get(int index) {
    if (index < 0 || index >= size()) {
      throw new IndexOutOfBoundsException("seed index " + index + " of " + count);
    }
    return (long) index;
  }
}
