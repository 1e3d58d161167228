package dev.rlx.environments.text;

import dev.rlx.environments.text.PythonValue.Bool;
import dev.rlx.environments.text.PythonValue.Bytes;
import dev.rlx.environments.text.PythonValue.Int;
import dev.rlx.environments.text.PythonValue.None;
import dev.rlx.environments.text.PythonValue.PyDict;
import dev.rlx.environments.text.PythonValue.PyList;
import dev.rlx.environments.text.PythonValue.PySet;
import dev.rlx.environments.text.PythonValue.PyTuple;
import dev.rlx.environments.text.PythonValue.Str;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Parses the Python literals of unit tests in Java, the subset {@code ast.literal_eval} reads
 * without complex numbers: ints (any base, underscores), floats, strings and bytes (any quotes
 * and prefixes, escapes, adjacent ones concatenated), True/False/None, tuples, lists, sets and
 * dicts, with unary signs on numbers. The expected values of the code verifier are parsed here
 * so that they never enter the sandbox.
 */
final class PythonLiteral {

  private final String text;
  private int at;

  private PythonLiteral(String text) {
    this.text = text;
  }

  /** @throws IllegalArgumentException naming the column and what was expected */
  static PythonValue parse(String text) {
    PythonLiteral parser = new PythonLiteral(text);
    PythonValue value = parser.value();
    parser.skipSpace();
    if (parser.at < text.length()) {
      throw parser.error("unexpected text after the literal");
    }
    return value;
  }

  private PythonValue value() {
    skipSpace();
    if (at >= text.length()) {
      throw error("expected a value");
    }
    char c = text.charAt(at);
    if (c == '(') {
      at++;
      List<PythonValue> items = new ArrayList<>();
      boolean comma = sequence(')', items);
      return items.size() == 1 && !comma ? items.get(0) : new PyTuple(List.copyOf(items));
    }
    if (c == '[') {
      at++;
      List<PythonValue> items = new ArrayList<>();
      sequence(']', items);
      return new PyList(List.copyOf(items));
    }
    if (c == '{') {
      return braces();
    }
    if (c == '+' || c == '-') {
      at++;
      PythonValue operand = value();
      if (operand instanceof Int i) {
        return c == '-' ? new Int(i.value().negate()) : i;
      }
      if (operand instanceof PythonValue.Float f) {
        return c == '-' ? new PythonValue.Float(-f.value()) : f;
      }
      throw error("a sign applies to a number only");
    }
    if (Character.isDigit(c) || (c == '.' && at + 1 < text.length() && Character.isDigit(text.charAt(at + 1)))) {
      return number();
    }
    if (Character.isLetter(c) || c == '_' || c == '"' || c == '\'') {
      int start = at;
      while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '_')) {
        at++;
      }
      String word = text.substring(start, at);
      if (at < text.length() && (text.charAt(at) == '\'' || text.charAt(at) == '"')
          && word.toLowerCase().matches("|r|u|b|br|rb")) {
        return strings(word.toLowerCase());
      }
      switch (word) {
        case "True":
          return new Bool(true);
        case "False":
          return new Bool(false);
        case "None":
          return new None();
        default:
          at = start;
          throw error("not a literal: '" + word + "' (only numbers, strings, bytes, True, False, None,"
              + " tuples, lists, sets and dicts)");
      }
    }
    throw error("unexpected '" + c + "'");
  }

  /** Items up to {@code close}; returns whether a comma was seen (so that "(1,)" is a tuple). */
  private boolean sequence(char close, List<PythonValue> items) {
    boolean comma = false;
    while (true) {
      skipSpace();
      if (at < text.length() && text.charAt(at) == close) {
        at++;
        return comma;
      }
      items.add(value());
      skipSpace();
      if (at < text.length() && text.charAt(at) == ',') {
        at++;
        comma = true;
      } else if (at >= text.length() || text.charAt(at) != close) {
        throw error("expected ',' or '" + close + "'");
      }
    }
  }

  private PythonValue braces() {
    at++;
    skipSpace();
    if (at < text.length() && text.charAt(at) == '}') {
      at++;
      return new PyDict(List.of());
    }
    PythonValue first = value();
    skipSpace();
    if (at < text.length() && text.charAt(at) == ':') {
      List<Map.Entry<PythonValue, PythonValue>> entries = new ArrayList<>();
      PythonValue key = first;
      while (true) {
        skipSpace();
        if (at >= text.length() || text.charAt(at) != ':') {
          throw error("expected ':'");
        }
        at++;
        entries.add(Map.entry(key, value()));
        skipSpace();
        if (at < text.length() && text.charAt(at) == ',') {
          at++;
          skipSpace();
        } else if (at >= text.length() || text.charAt(at) != '}') {
          throw error("expected ',' or '}'");
        }
        if (at < text.length() && text.charAt(at) == '}') {
          at++;
          return new PyDict(List.copyOf(entries));
        }
        key = value();
      }
    }
    List<PythonValue> items = new ArrayList<>(List.of(first));
    if (at < text.length() && text.charAt(at) == ',') {
      at++;
      sequence('}', items);
    } else if (at < text.length() && text.charAt(at) == '}') {
      at++;
    } else {
      throw error("expected ',', ':' or '}'");
    }
    return new PySet(List.copyOf(items));
  }

  private PythonValue number() {
    int start = at;
    if (text.startsWith("0x", at) || text.startsWith("0X", at) || text.startsWith("0o", at) || text.startsWith("0O", at)
        || text.startsWith("0b", at) || text.startsWith("0B", at)) {
      int radix = switch (Character.toLowerCase(text.charAt(at + 1))) {
        case 'x' -> 16;
        case 'o' -> 8;
        default -> 2;
      };
      at += 2;
      int digits = at;
      while (at < text.length() && (Character.digit(text.charAt(at), radix) >= 0 || text.charAt(at) == '_')) {
        at++;
      }
      String body = text.substring(digits, at);
      return new Int(integer(body.startsWith("_") ? body.substring(1) : body, radix, start)); // 0x_ff is allowed
    }
    while (at < text.length() && (Character.isDigit(text.charAt(at)) || text.charAt(at) == '_')) {
      at++;
    }
    boolean isFloat = false;
    if (at < text.length() && text.charAt(at) == '.') {
      isFloat = true;
      at++;
      while (at < text.length() && (Character.isDigit(text.charAt(at)) || text.charAt(at) == '_')) {
        at++;
      }
    }
    if (at < text.length() && (text.charAt(at) == 'e' || text.charAt(at) == 'E')) {
      isFloat = true;
      at++;
      if (at < text.length() && (text.charAt(at) == '+' || text.charAt(at) == '-')) {
        at++;
      }
      int digits = at;
      while (at < text.length() && Character.isDigit(text.charAt(at))) {
        at++;
      }
      if (digits == at) {
        throw error("an exponent needs digits");
      }
    }
    if (at < text.length() && (text.charAt(at) == 'j' || text.charAt(at) == 'J')) {
      at = start;
      throw error("complex numbers are not supported");
    }
    String literal = text.substring(start, at);
    if (isFloat) {
      return new PythonValue.Float(Double.parseDouble(literal.replace("_", "")));
    }
    if (literal.length() > 1 && literal.charAt(0) == '0' && !literal.replace("_", "").matches("0+")) {
      at = start;
      throw error("leading zeros in a decimal integer are not allowed (Python: use 0o for octal)");
    }
    return new Int(integer(literal, 10, start));
  }

  private BigInteger integer(String digits, int radix, int start) {
    if (digits.isEmpty() || digits.startsWith("_") || digits.endsWith("_") || digits.contains("__")) {
      at = start;
      throw error("malformed number");
    }
    return new BigInteger(digits.replace("_", ""), radix);
  }

  /** One or more adjacent string literals (all str or all bytes), the first prefix already read. */
  private PythonValue strings(String prefix) {
    boolean bytes = prefix.contains("b");
    StringBuilder str = new StringBuilder();
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    while (true) {
      string(prefix.contains("r"), bytes, str, raw);
      int save = at;
      skipSpace();
      int start = at;
      while (at < text.length() && Character.isLetter(text.charAt(at))) {
        at++;
      }
      String next = text.substring(start, at).toLowerCase();
      if (at < text.length() && (text.charAt(at) == '\'' || text.charAt(at) == '"') && next.matches("|r|u|b|br|rb")) {
        if (next.contains("b") != bytes) {
          throw error("cannot mix bytes and str literals");
        }
        prefix = next;
      } else {
        at = save;
        return bytes ? new Bytes(raw.toByteArray()) : new Str(str.toString());
      }
    }
  }

  private void string(boolean rawString, boolean bytes, StringBuilder str, ByteArrayOutputStream raw) {
    char quote = text.charAt(at);
    boolean triple = text.startsWith(String.valueOf(quote).repeat(3), at);
    int start = at;
    at += triple ? 3 : 1;
    while (true) {
      if (at >= text.length()) {
        at = start;
        throw error("unterminated string");
      }
      char c = text.charAt(at);
      if (c == quote && (!triple || text.startsWith(String.valueOf(quote).repeat(3), at))) {
        at += triple ? 3 : 1;
        return;
      }
      if (c == '\n' && !triple) {
        throw error("a newline in a single-quoted string");
      }
      if (bytes && c > 0x7f) {
        throw error("bytes can only contain ASCII characters");
      }
      if (c == '\\' && at + 1 < text.length()) {
        if (rawString) {
          append(bytes, str, raw, c);
          append(bytes, str, raw, text.charAt(at + 1));
          at += 2;
          continue;
        }
        escape(bytes, str, raw);
        continue;
      }
      if (bytes) {
        raw.write(c);
      } else {
        str.append(c);
      }
      at++;
    }
  }

  private void escape(boolean bytes, StringBuilder str, ByteArrayOutputStream raw) {
    char e = text.charAt(at + 1);
    at += 2;
    switch (e) {
      case '\n' -> { }
      case '\\', '\'', '"' -> append(bytes, str, raw, e);
      case 'a' -> append(bytes, str, raw, (char) 7);
      case 'b' -> append(bytes, str, raw, '\b');
      case 'f' -> append(bytes, str, raw, '\f');
      case 'n' -> append(bytes, str, raw, '\n');
      case 'r' -> append(bytes, str, raw, '\r');
      case 't' -> append(bytes, str, raw, '\t');
      case 'v' -> append(bytes, str, raw, (char) 11);
      case 'x' -> codePoint(bytes, str, raw, hex(2));
      case 'u', 'U' -> {
        if (bytes) {
          append(true, str, raw, '\\');
          append(true, str, raw, e);
        } else {
          codePoint(false, str, raw, hex(e == 'u' ? 4 : 8));
        }
      }
      default -> {
        if (e >= '0' && e <= '7') {
          int value = e - '0';
          for (int k = 0; k < 2 && at < text.length() && text.charAt(at) >= '0' && text.charAt(at) <= '7'; k++) {
            value = value * 8 + text.charAt(at++) - '0';
          }
          codePoint(bytes, str, raw, value);
        } else if (e == 'N' && !bytes) {
          throw error("\\N{...} escapes are not supported");
        } else {
          append(bytes, str, raw, '\\'); // Python keeps an unknown escape as it is
          append(bytes, str, raw, e);
        }
      }
    }
  }

  private int hex(int digits) {
    if (at + digits > text.length()) {
      throw error("truncated escape");
    }
    String h = text.substring(at, at + digits);
    if (!h.matches("[0-9a-fA-F]+")) {
      throw error("malformed escape");
    }
    at += digits;
    return Integer.parseInt(h, 16);
  }

  private void codePoint(boolean bytes, StringBuilder str, ByteArrayOutputStream raw, int cp) {
    if (bytes) {
      raw.write(cp & 0xff);
    } else if (cp > Character.MAX_CODE_POINT) {
      throw error("escape beyond U+10FFFF");
    } else {
      str.appendCodePoint(cp);
    }
  }

  private static void append(boolean bytes, StringBuilder str, ByteArrayOutputStream raw, char c) {
    if (bytes) {
      raw.write(c);
    } else {
      str.append(c);
    }
  }

  private void skipSpace() {
    while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
      at++;
    }
  }

  private IllegalArgumentException error(String what) {
    return new IllegalArgumentException("not a Python literal at column " + (at + 1) + " of " + abbreviated() + ": " + what);
  }

  private String abbreviated() {
    return text.length() > 60 ? "'" + text.substring(0, 60) + "…'" : "'" + text + "'";
  }
}
