package dev.rlx.environments.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A Python value of the plain built-in types, as the code verifier compares them in Java: an
 * expected value parsed from a literal ({@link PythonLiteral}), or a program's result read from
 * the sandbox's result channel ({@link #fromChannel}). Nothing here runs Python code, so no
 * object of the program can take part in a comparison.
 */
sealed interface PythonValue {

  record None() implements PythonValue {}

  record Bool(boolean value) implements PythonValue {}

  record Int(BigInteger value) implements PythonValue {}

  record Float(double value) implements PythonValue {}

  record Str(String value) implements PythonValue {}

  record Bytes(byte[] value) implements PythonValue {
    @Override
    public boolean equals(Object o) {
      return o instanceof Bytes b && Arrays.equals(value, b.value);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(value);
    }
  }

  record PyList(List<PythonValue> items) implements PythonValue {}

  record PyTuple(List<PythonValue> items) implements PythonValue {}

  record PySet(List<PythonValue> items) implements PythonValue {}

  record PyDict(List<Map.Entry<PythonValue, PythonValue>> entries) implements PythonValue {}

  /** A value of any other type (or one too large or deep to send): it never matches an expected value. */
  record Other(String type) implements PythonValue {}

  /**
   * Whether a program's {@code result} counts as the {@code expected} value: the same type
   * exactly (an int where a float is expected is accepted, a bool is not an int), and equal
   * element by element; a dict's keys are matched with Python's equality, as a lookup would.
   */
  static boolean matches(PythonValue result, PythonValue expected) {
    if (expected instanceof Float e) {
      return (result instanceof Float r && r.value() == e.value())
          || (result instanceof Int i && numericallyEqual(i.value(), e.value()));
    } else if (expected instanceof PyList e) {
      return result instanceof PyList r && allMatch(r.items(), e.items());
    } else if (expected instanceof PyTuple e) {
      return result instanceof PyTuple r && allMatch(r.items(), e.items());
    } else if (expected instanceof PySet e) {
      return result instanceof PySet r && r.items().size() == e.items().size()
          && e.items().stream().allMatch(x -> r.items().stream().anyMatch(y -> matches(y, x)));
    } else if (expected instanceof PyDict e) {
      return result instanceof PyDict r && r.entries().size() == e.entries().size()
          && e.entries().stream().allMatch(x -> r.entries().stream()
              .anyMatch(y -> pythonEquals(y.getKey(), x.getKey()) && matches(y.getValue(), x.getValue())));
    } else if (expected instanceof Other) {
      return false;
    }
    return result.equals(expected); // None, Bool, Int, Str, Bytes: the same record type and value
  }

  private static boolean allMatch(List<PythonValue> results, List<PythonValue> expected) {
    if (results.size() != expected.size()) {
      return false;
    }
    for (int i = 0; i < results.size(); i++) {
      if (!matches(results.get(i), expected.get(i))) {
        return false;
      }
    }
    return true;
  }

  /** Python's {@code ==} on these types, used for dict keys: 1 == 1.0 == True. */
  private static boolean pythonEquals(PythonValue a, PythonValue b) {
    BigDecimal x = numeric(a);
    BigDecimal y = numeric(b);
    if (x != null && y != null) {
      return x.compareTo(y) == 0;
    }
    if (a instanceof PyTuple s && b instanceof PyTuple t) {
      if (s.items().size() != t.items().size()) {
        return false;
      }
      for (int i = 0; i < s.items().size(); i++) {
        if (!pythonEquals(s.items().get(i), t.items().get(i))) {
          return false;
        }
      }
      return true;
    }
    return a.equals(b) && !(a instanceof Float f && Double.isNaN(f.value()));
  }

  private static BigDecimal numeric(PythonValue v) {
    if (v instanceof Bool b) {
      return b.value() ? BigDecimal.ONE : BigDecimal.ZERO;
    } else if (v instanceof Int i) {
      return new BigDecimal(i.value());
    } else if (v instanceof Float f) {
      return Double.isFinite(f.value()) ? new BigDecimal(f.value()) : null;
    }
    return null;
  }

  private static boolean numericallyEqual(BigInteger i, double d) {
    return Double.isFinite(d) && new BigDecimal(d).compareTo(new BigDecimal(i)) == 0;
  }

  /**
   * Reads one value of the result channel's encoding (written by sandbox_runner.py's
   * {@code encode}): null, true, false and JSON strings as themselves; {@code {"int": hex}},
   * {@code {"float": float.hex()}}, {@code {"bytes": base64}}, {@code {"list"|"tuple"|"set": [...]}},
   * {@code {"dict": [[k, v], ...]}}, {@code {"other": type name}}.
   *
   * @throws IllegalArgumentException on anything else: the channel is then not trusted at all
   */
  static PythonValue fromChannel(JsonNode node) {
    if (node.isNull()) {
      return new None();
    }
    if (node.isBoolean()) {
      return new Bool(node.booleanValue());
    }
    if (node.isTextual()) {
      return new Str(node.textValue());
    }
    if (!node.isObject() || node.size() != 1) {
      throw new IllegalArgumentException("not a value of the result encoding: " + abbreviate(node));
    }
    Map.Entry<String, JsonNode> field = node.fields().next();
    JsonNode body = field.getValue();
    return switch (field.getKey()) {
      case "int" -> new Int(new BigInteger(text(body), 16));
      case "float" -> new Float(parseHexFloat(text(body)));
      case "bytes" -> new Bytes(Base64.getDecoder().decode(text(body)));
      case "list" -> new PyList(items(body));
      case "tuple" -> new PyTuple(items(body));
      case "set" -> new PySet(items(body));
      case "dict" -> {
        List<Map.Entry<PythonValue, PythonValue>> entries = new ArrayList<>();
        for (JsonNode pair : array(body)) {
          if (!pair.isArray() || pair.size() != 2) {
            throw new IllegalArgumentException("a dict entry must be [key, value], found " + abbreviate(pair));
          }
          entries.add(Map.entry(fromChannel(pair.get(0)), fromChannel(pair.get(1))));
        }
        yield new PyDict(List.copyOf(entries));
      }
      case "other" -> new Other(text(body));
      default -> throw new IllegalArgumentException("unknown value kind '" + field.getKey() + "'");
    };
  }

  private static List<PythonValue> items(JsonNode body) {
    List<PythonValue> items = new ArrayList<>();
    for (JsonNode item : array(body)) {
      items.add(fromChannel(item));
    }
    return List.copyOf(items);
  }

  private static Iterable<JsonNode> array(JsonNode body) {
    if (!body.isArray()) {
      throw new IllegalArgumentException("expected an array, found " + abbreviate(body));
    }
    return body::elements;
  }

  private static String text(JsonNode body) {
    if (!body.isTextual()) {
      throw new IllegalArgumentException("expected a string, found " + abbreviate(body));
    }
    return body.textValue();
  }

  /** Python's {@code float.hex()}: "0x1.8000000000000p+1", "-0x0.0p+0", "inf", "-inf", "nan". */
  private static double parseHexFloat(String s) {
    return switch (s) {
      case "inf" -> Double.POSITIVE_INFINITY;
      case "-inf" -> Double.NEGATIVE_INFINITY;
      case "nan" -> Double.NaN;
      default -> {
        if (!s.matches("-?0x[0-9a-f]+(\\.[0-9a-f]*)?p[+-]\\d+")) {
          throw new IllegalArgumentException("not a float.hex() value: " + s);
        }
        yield Double.parseDouble(s);
      }
    };
  }

  private static String abbreviate(JsonNode node) {
    String s = node.toString();
    return s.length() > 60 ? s.substring(0, 60) + "…" : s;
  }

  /** Python's repr, near enough for a log line. */
  static String repr(PythonValue v) {
    if (v instanceof None) {
      return "None";
    } else if (v instanceof Bool b) {
      return b.value() ? "True" : "False";
    } else if (v instanceof Int i) {
      return i.value().toString();
    } else if (v instanceof Float f) {
      return Double.isNaN(f.value()) ? "nan"
          : Double.isInfinite(f.value()) ? (f.value() > 0 ? "inf" : "-inf") : floatRepr(f.value());
    } else if (v instanceof Str s) {
      return quote(s.value());
    } else if (v instanceof Bytes b) {
      return "b" + quote(new String(b.value(), java.nio.charset.StandardCharsets.ISO_8859_1));
    } else if (v instanceof PyList l) {
      return join("[", l.items(), "]");
    } else if (v instanceof PyTuple t) {
      return t.items().size() == 1 ? "(" + repr(t.items().get(0)) + ",)" : join("(", t.items(), ")");
    } else if (v instanceof PySet s) {
      return s.items().isEmpty() ? "set()" : join("{", s.items(), "}");
    } else if (v instanceof PyDict d) {
      StringBuilder out = new StringBuilder("{");
      for (Iterator<Map.Entry<PythonValue, PythonValue>> it = d.entries().iterator(); it.hasNext(); ) {
        Map.Entry<PythonValue, PythonValue> e = it.next();
        out.append(repr(e.getKey())).append(": ").append(repr(e.getValue())).append(it.hasNext() ? ", " : "");
      }
      return out.append('}').toString();
    }
    return "<" + ((Other) v).type() + " object>";
  }

  private static String floatRepr(double d) {
    String s = Double.toString(d);
    return s.endsWith(".0") && !s.contains("E") ? s : s.replace("E", "e");
  }

  private static String join(String open, List<PythonValue> items, String close) {
    StringBuilder out = new StringBuilder(open);
    for (int i = 0; i < items.size(); i++) {
      out.append(i == 0 ? "" : ", ").append(repr(items.get(i)));
    }
    return out.append(close).toString();
  }

  private static String quote(String s) {
    StringBuilder out = new StringBuilder("'");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\'' -> out.append("\\'");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        default -> out.append(c < 0x20 ? String.format("\\x%02x", (int) c) : String.valueOf(c));
      }
    }
    return out.append('\'').toString();
  }
}
