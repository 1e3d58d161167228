package dev.rlx.sweeps;

import java.util.List;

/** A named arm: a set of overrides applied together, e.g. {@code double-dqn: {algorithm.id: double-dqn}}. */
public record Variant(String name, Object origin, List<Override> overrides) {
  public Variant {
    overrides = List.copyOf(overrides);
  }

  /** One dotted path set to one value. */
  public record Override(String path, Object origin, SweepValue value) {}
}
