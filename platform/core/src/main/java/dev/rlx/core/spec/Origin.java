package dev.rlx.core.spec;

/**
 * Where a spec value was written: its position in the file and its path in the tree (what the
 * sweeps library carries as an opaque origin, and what a problem points at).
 */
public record Origin(SourcePosition position, SpecPath path) {

  /** The value at {@code path}, located through {@code sources}. */
  public static Origin value(SourceMap sources, SpecPath path) {
    return new Origin(sources.valueAt(path), path);
  }

  /** The key naming {@code path}, located through {@code sources}. */
  public static Origin key(SourceMap sources, SpecPath path) {
    return new Origin(sources.keyAt(path), path);
  }
}
