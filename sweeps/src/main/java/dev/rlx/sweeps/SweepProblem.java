package dev.rlx.sweeps;

/**
 * Something wrong with a sweep: at {@code origin} (as given in the definition), on
 * {@code path}, what was expected and what was found, and a hint (or null).
 */
public record SweepProblem(Object origin, String path, String message, String expected, String found, String hint) {

  public SweepProblem(Object origin, String path, String message, String expected, String found) {
    this(origin, path, message, expected, found, null);
  }
}
