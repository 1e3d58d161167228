package dev.rlx.core.spec;

import java.util.HashMap;
import java.util.Map;

/** Where each value and each key of a parsed spec was written. */
public final class SourceMap {

  private final Map<SpecPath, SourcePosition> values = new HashMap<>();
  private final Map<SpecPath, SourcePosition> keys = new HashMap<>();

  void putValue(SpecPath path, SourcePosition position) {
    values.putIfAbsent(path, position);
  }

  void putKey(SpecPath path, SourcePosition position) {
    keys.putIfAbsent(path, position);
  }

  /**
   * Where the value at {@code path} was written; for a path that does not exist (a missing
   * key, a value inside an alias), the nearest ancestor that does.
   */
  public SourcePosition valueAt(SpecPath path) {
    for (SpecPath p = path; ; p = p.parent()) {
      SourcePosition position = values.get(p);
      if (position != null) {
        return position;
      }
      if (p.isRoot()) {
        return SourcePosition.START;
      }
    }
  }

  /** Where the key naming {@code path} was written, falling back to {@link #valueAt}. */
  public SourcePosition keyAt(SpecPath path) {
    SourcePosition position = keys.get(path);
    return position != null ? position : valueAt(path);
  }
}
