package dev.rlx.core.report.format;

/** A number as reports print it: whole numbers bare, others to four significant digits. */
public final class ShortNumber {

  private ShortNumber() {}

  public static String of(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return Double.toString(v);
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    // Four significant digits, without the trailing zeros %g pads with.
    return String.format("%.4g", v).replaceAll("(\\.\\d*?)0+(e|$)", "$1$2").replaceAll("\\.(e|$)", "$1");
  }
}
