package dev.rlx.api;

import java.util.List;
import java.util.Optional;

/**
 * One declared hyperparameter: name, type, default, valid range or values, description.
 * Values handled here are plain Java values as a YAML/JSON tree yields them: {@link Long} or
 * {@link Integer} for integers, {@link Double} for numbers, {@link Boolean}, {@link String}.
 */
public record ParameterSpec(
    String name,
    ParameterType type,
    Object defaultValue,
    double min,
    boolean minExclusive,
    double max,
    boolean maxExclusive,
    List<String> allowed,
    String doc,
    String unit,
    String pattern,
    String patternDoc) {

  public ParameterSpec {
    allowed = List.copyOf(allowed);
  }

  /** A parameter without a text pattern. */
  public ParameterSpec(String name, ParameterType type, Object defaultValue, double min, boolean minExclusive,
      double max, boolean maxExclusive, List<String> allowed, String doc, String unit) {
    this(name, type, defaultValue, min, minExclusive, max, maxExclusive, allowed, doc, unit, "", "");
  }

  /** Why {@code value} is not acceptable for this parameter, if it is not. */
  public Optional<Violation> check(Object value) {
    switch (type) {
      case BOOLEAN -> {
        if (!(value instanceof Boolean)) {
          return Optional.of(new Violation("a boolean (true or false)", describe(value)));
        }
      }
      case CHOICE -> {
        if (!(value instanceof String s) || !allowed.contains(s)) {
          return Optional.of(new Violation("one of " + String.join(", ", allowed), describe(value)));
        }
      }
      case TEXT -> {
        if (!(value instanceof String s) || (!pattern.isEmpty() && !s.matches(pattern))) {
          return Optional.of(new Violation("text " + rangeText(), describe(value)));
        }
      }
      case INTEGER -> {
        if (!isIntegral(value)) {
          return Optional.of(new Violation("an integer " + rangeText(), describe(value)));
        }
        if (!inRange(((Number) value).doubleValue())) {
          return Optional.of(new Violation("an integer " + rangeText(), describe(value)));
        }
      }
      case NUMBER -> {
        if (!(value instanceof Number n) || !Double.isFinite(n.doubleValue())) {
          return Optional.of(new Violation("a number " + rangeText(), describe(value)));
        }
        if (!inRange(n.doubleValue())) {
          return Optional.of(new Violation("a number " + rangeText(), describe(value)));
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The canonical form of an accepted value: integers as {@link Long}, numbers as {@link Double}
   * (so {@code 1} and {@code 1.0} are the same λ), others unchanged.
   */
  public Object canonical(Object value) {
    return switch (type) {
      case INTEGER -> ((Number) value).longValue();
      case NUMBER -> ((Number) value).doubleValue();
      default -> value;
    };
  }

  /** The valid range or values as a user reads them, e.g. "in [0, 1]", "≥ 2", "one of a, b". */
  public String rangeText() {
    if (type == ParameterType.CHOICE) {
      return "one of " + String.join(", ", allowed);
    }
    if (type == ParameterType.BOOLEAN) {
      return "true or false";
    }
    if (type == ParameterType.TEXT) {
      return pattern.isEmpty() ? "(any text)" : patternDoc.isEmpty() ? "matching " + pattern : "of " + patternDoc;
    }
    boolean hasMin = min != Double.NEGATIVE_INFINITY;
    boolean hasMax = max != Double.POSITIVE_INFINITY;
    if (hasMin && hasMax) {
      return "in " + (minExclusive ? "(" : "[") + number(min) + ", " + number(max) + (maxExclusive ? ")" : "]");
    }
    if (hasMin) {
      return (minExclusive ? "> " : "≥ ") + number(min);
    }
    if (hasMax) {
      return (maxExclusive ? "< " : "≤ ") + number(max);
    }
    return "(any value)";
  }

  private boolean inRange(double v) {
    boolean aboveMin = minExclusive ? v > min : v >= min;
    boolean belowMax = maxExclusive ? v < max : v <= max;
    return aboveMin && belowMax;
  }

  private static boolean isIntegral(Object value) {
    if (value instanceof Long || value instanceof Integer || value instanceof Short) {
      return true;
    }
    // 1e3 written in YAML is a float; accept it where it is a whole number.
    return value instanceof Double d && Double.isFinite(d) && d == Math.rint(d) && Math.abs(d) < 0x1p53;
  }

  static String number(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }

  /** A value as a message shows it, with its type where that is what went wrong. */
  public static String describe(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof String s) {
      return "\"" + s + "\" (a string)";
    }
    if (value instanceof Double d) {
      if (d == Math.rint(d) && Math.abs(d) < 1e15) {
        return number(d) + ".0";
      }
      // 3.0E-4 → 0.0003, 1.0E-8 → 1e-8: as a user would write it in YAML.
      return Double.isFinite(d) ? java.math.BigDecimal.valueOf(d).stripTrailingZeros().toString().replace('E', 'e') : d.toString();
    }
    if (value instanceof Number || value instanceof Boolean) {
      return value.toString();
    }
    if (value instanceof java.util.List<?>) {
      return "a list";
    }
    if (value instanceof java.util.Map<?, ?>) {
      return "a mapping";
    }
    return value.toString();
  }

  /** What a value should have been, and what it was. */
  public record Violation(String expected, String found) {}
}
