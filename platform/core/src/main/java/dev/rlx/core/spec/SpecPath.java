package dev.rlx.core.spec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A location inside a spec tree: object keys (strings) and list indices (integers). Shown to
 * users as a dotted path, {@code sweep.grid["algorithm.params.gae_lambda"][2]}.
 */
public record SpecPath(List<Object> segments) {

  public static final SpecPath ROOT = new SpecPath(List.of());
  private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z0-9_-]+");

  public SpecPath {
    segments = Collections.unmodifiableList(new ArrayList<>(segments));
  }

  /** Parses a dotted path such as {@code algorithm.params.lr} (keys only). */
  public static SpecPath ofDotted(String dotted) {
    return new SpecPath(List.of((Object[]) dotted.split("\\.")));
  }

  public SpecPath key(String key) {
    List<Object> next = new ArrayList<>(segments);
    next.add(key);
    return new SpecPath(next);
  }

  public SpecPath index(int index) {
    List<Object> next = new ArrayList<>(segments);
    next.add(index);
    return new SpecPath(next);
  }

  /** This path followed by the keys of {@code dotted}. */
  public SpecPath keys(String dotted) {
    SpecPath path = this;
    for (String part : dotted.split("\\.")) {
      path = path.key(part);
    }
    return path;
  }

  public SpecPath parent() {
    return segments.isEmpty() ? this : new SpecPath(segments.subList(0, segments.size() - 1));
  }

  public boolean isRoot() {
    return segments.isEmpty();
  }

  public Object last() {
    return segments.get(segments.size() - 1);
  }

  /** The dotted form users read; the root is shown as {@code (top level)}. */
  public String display() {
    if (segments.isEmpty()) {
      return "(top level)";
    }
    StringBuilder out = new StringBuilder();
    for (Object segment : segments) {
      if (segment instanceof Integer i) {
        out.append('[').append(i).append(']');
      } else if (PLAIN_KEY.matcher((String) segment).matches()) {
        if (out.length() > 0) {
          out.append('.');
        }
        out.append(segment);
      } else {
        out.append("[\"").append(segment).append("\"]");
      }
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return display();
  }
}
