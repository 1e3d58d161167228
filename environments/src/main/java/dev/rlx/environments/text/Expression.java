package dev.rlx.environments.text;

import java.util.OptionalLong;

/**
 * Evaluates an integer expression in x over + - * and parentheses, the language of the code
 * task's reference answers, exactly as Python would (empty on a syntax error or overflow).
 * Generators use it to order the programs they write without starting a sandbox; responses
 * are always scored by running them ({@link CodeVerifier}).
 */
final class Expression {

  private final String text;
  private final long x;
  private int at;

  private Expression(String text, long x) {
    this.text = text;
    this.x = x;
  }

  static OptionalLong evaluate(String text, long x) {
    try {
      Expression e = new Expression(text.replace(" ", ""), x);
      long value = e.sum();
      return e.at == e.text.length() ? OptionalLong.of(value) : OptionalLong.empty();
    } catch (ArithmeticException | IllegalStateException | StringIndexOutOfBoundsException e) {
      return OptionalLong.empty();
    }
  }

  private long sum() {
    long value = product();
    while (at < text.length() && (text.charAt(at) == '+' || text.charAt(at) == '-')) {
      char op = text.charAt(at++);
      long rhs = product();
      value = op == '+' ? Math.addExact(value, rhs) : Math.subtractExact(value, rhs);
    }
    return value;
  }

  private long product() {
    long value = unary();
    while (at < text.length() && text.charAt(at) == '*') {
      at++;
      value = Math.multiplyExact(value, unary());
    }
    return value;
  }

  private long unary() {
    char c = text.charAt(at);
    if (c == '-' || c == '+') {
      at++;
      long v = unary();
      return c == '-' ? Math.negateExact(v) : v;
    }
    if (c == '(') {
      at++;
      long v = sum();
      if (text.charAt(at++) != ')') {
        throw new IllegalStateException("expected )");
      }
      return v;
    }
    if (c == 'x') {
      at++;
      return x;
    }
    int start = at;
    while (at < text.length() && Character.isDigit(text.charAt(at))) {
      at++;
    }
    if (start == at || at - start > 18) {
      throw new IllegalStateException("expected a term at " + start);
    }
    return Long.parseLong(text.substring(start, at));
  }
}
