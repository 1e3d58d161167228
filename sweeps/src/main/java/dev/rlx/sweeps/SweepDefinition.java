package dev.rlx.sweeps;

import java.util.List;
import java.util.Optional;

/**
 * What to sweep, as the spec's {@code sweep} section declares it. Expansion order, outermost
 * first: variants (declared order) × grid (cartesian, first key outermost, last key fastest)
 * × zip (one index across all lists) × random samples × seeds.
 *
 * @param grid cartesian axes
 * @param zip paired lists, all of one length
 * @param variants named arms; empty means one unnamed arm
 * @param random random search, if any
 * @param seeds the seeds every configuration runs with
 * @param origin where the sweep was declared, for whole-sweep problems such as the size cap
 */
public record SweepDefinition(
    List<Axis> grid,
    List<Axis> zip,
    List<Variant> variants,
    Optional<RandomSearch> random,
    List<Long> seeds,
    Object origin) {

  public SweepDefinition {
    grid = List.copyOf(grid);
    zip = List.copyOf(zip);
    variants = List.copyOf(variants);
    seeds = seeds instanceof SeedRange ? seeds : List.copyOf(seeds); // a count stays a count
  }

  /** A single trial of the base configuration with seed 0. */
  public static SweepDefinition none(Object origin) {
    return new SweepDefinition(List.of(), List.of(), List.of(), Optional.empty(), List.of(0L), origin);
  }

  /** How many trials this expands to, saturating at {@link Long#MAX_VALUE}; nothing is expanded. */
  public long trialCount() {
    long count = Math.max(1, variants.size());
    for (Axis axis : grid) {
      count = saturatingMultiply(count, axis.values().size());
    }
    if (!zip.isEmpty()) {
      count = saturatingMultiply(count, zip.get(0).values().size());
    }
    if (random.isPresent()) {
      count = saturatingMultiply(count, random.get().samples());
    }
    return saturatingMultiply(count, seeds instanceof SeedRange range ? range.count() : seeds.size());
  }

  private static long saturatingMultiply(long a, long b) {
    long hi = Math.multiplyHigh(a, b);
    long lo = a * b;
    return (hi != 0 || lo < 0) ? Long.MAX_VALUE : lo;
  }
}
