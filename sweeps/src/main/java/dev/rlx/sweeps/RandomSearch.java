package dev.rlx.sweeps;

import java.util.List;

/** {@code samples} draws of the listed paths, reproducible from {@code seed}. */
public record RandomSearch(int samples, long seed, Object origin, List<Parameter> parameters) {
  public RandomSearch {
    parameters = List.copyOf(parameters);
  }

  /** A path and the distribution it is drawn from. */
  public record Parameter(String path, Object origin, Distribution distribution) {}
}
