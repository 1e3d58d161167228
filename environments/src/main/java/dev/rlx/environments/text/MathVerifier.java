package dev.rlx.environments.text;

import java.math.BigInteger;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a final numeric answer against a reference by exact value, not by text: "1/2",
 * "0.5", "2/4" and ".50" are the same number, "-0" is 0, "0.5000000001" is not 1/2. Numbers
 * are parsed to exact rationals (no floating point), so huge integers compare exactly. Anything
 * that is not a number — empty text, "1/0", letters, an expression — parses to nothing and
 * is equivalent to nothing; no input makes it throw.
 *
 * <p>Accepted forms, with optional surrounding spaces and a leading sign ('+', '-' or '−'):
 * an integer ("007"), a decimal ("3.", ".5", "-2.50"), either with an exponent of at most
 * {@value #MAX_EXPONENT} in magnitude ("1e3", "2.5E-2"), and a fraction of two integers
 * ("-3/4", "6 / -8"). Text longer than {@value #MAX_LENGTH} characters is refused, so that a
 * policy cannot make the verifier slow.
 */
public final class MathVerifier {

  /** The longest text parsed. */
  public static final int MAX_LENGTH = 2000;
  /** The largest exponent magnitude accepted in scientific notation. */
  public static final int MAX_EXPONENT = 1000;

  private static final Pattern DECIMAL =
      Pattern.compile("([+-]?)(\\d*)(?:\\.(\\d*))?(?:[eE]([+-]?\\d{1,6}))?");
  private static final Pattern FRACTION = Pattern.compile("([+-]?\\d+)\\s*/\\s*([+-]?\\d+)");

  private MathVerifier() {}

  /** An exact rational in lowest terms with a positive denominator. */
  public record Rational(BigInteger numerator, BigInteger denominator) implements Comparable<Rational> {

    public Rational {
      if (denominator.signum() == 0) {
        throw new ArithmeticException("denominator is zero");
      }
      if (denominator.signum() < 0) {
        numerator = numerator.negate();
        denominator = denominator.negate();
      }
      BigInteger gcd = numerator.gcd(denominator);
      if (!gcd.equals(BigInteger.ONE) && gcd.signum() != 0) {
        numerator = numerator.divide(gcd);
        denominator = denominator.divide(gcd);
      }
    }

    public static Rational of(long numerator, long denominator) {
      return new Rational(BigInteger.valueOf(numerator), BigInteger.valueOf(denominator));
    }

    @Override
    public int compareTo(Rational o) {
      return numerator.multiply(o.denominator).compareTo(o.numerator.multiply(denominator));
    }

    /** "7", "-7/2": the canonical text the tasks use as reference answers. */
    @Override
    public String toString() {
      return denominator.equals(BigInteger.ONE) ? numerator.toString() : numerator + "/" + denominator;
    }
  }

  /** The exact value of {@code text}, or empty if it is not a number of an accepted form. */
  public static Optional<Rational> parse(String text) {
    if (text == null || text.length() > MAX_LENGTH) {
      return Optional.empty();
    }
    String s = text.strip().replace('−', '-');
    if (s.isEmpty()) {
      return Optional.empty();
    }
    Matcher fraction = FRACTION.matcher(s);
    if (fraction.matches()) {
      BigInteger den = new BigInteger(stripPlus(fraction.group(2)));
      return den.signum() == 0 ? Optional.empty()
          : Optional.of(new Rational(new BigInteger(stripPlus(fraction.group(1))), den));
    }
    Matcher decimal = DECIMAL.matcher(s);
    if (!decimal.matches()) {
      return Optional.empty();
    }
    String whole = decimal.group(2);
    String frac = decimal.group(3) == null ? "" : decimal.group(3);
    if (whole.isEmpty() && frac.isEmpty()) {
      return Optional.empty(); // ".", "-", "e5"
    }
    int exponent = 0;
    if (decimal.group(4) != null) {
      exponent = Integer.parseInt(stripPlus(decimal.group(4)));
      if (Math.abs(exponent) > MAX_EXPONENT) {
        return Optional.empty();
      }
    }
    BigInteger digits = new BigInteger(whole + frac);
    if (decimal.group(1).equals("-")) {
      digits = digits.negate();
    }
    int scale = frac.length() - exponent; // value = digits · 10^−scale
    return Optional.of(scale >= 0
        ? new Rational(digits, BigInteger.TEN.pow(scale))
        : new Rational(digits.multiply(BigInteger.TEN.pow(-scale)), BigInteger.ONE));
  }

  /** Whether {@code candidate} is a number equal to the number {@code reference}. */
  public static boolean equivalent(String candidate, String reference) {
    Optional<Rational> a = parse(candidate);
    Optional<Rational> b = parse(reference);
    return a.isPresent() && a.equals(b);
  }

  private static String stripPlus(String s) {
    return s.startsWith("+") ? s.substring(1) : s;
  }
}
