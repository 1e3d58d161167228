package dev.rlx.algorithms.tabular;

import java.util.Arrays;

/**
 * The vector operations of backward-view λ methods (Sutton &amp; Barto ch. 12): decay a trace,
 * mark a visit, and apply θ ← θ + αδ·e over every component. Each runs component by component
 * in index order, as the loops it replaces did.
 */
public final class EligibilityTraces {

  private EligibilityTraces() {}

  /** e ← factor · e (γλ to decay, 0 to cut). */
  public static void scale(double[] e, double factor) {
    for (int i = 0; i < e.length; i++) {
      e[i] *= factor;
    }
  }

  /** e ← factor · e over a table of traces over (s, a). */
  static void scale(double[][] e, double factor) {
    for (double[] row : e) {
      scale(row, factor);
    }
  }

  /** θ ← θ + step · e. */
  public static void add(double[] theta, double step, double[] e) {
    for (int i = 0; i < theta.length; i++) {
      theta[i] += step * e[i];
    }
  }

  /** Q ← Q + step · e over a table of (s, a). */
  static void add(double[][] q, double step, double[][] e) {
    for (int x = 0; x < q.length; x++) {
      add(q[x], step, e[x]);
    }
  }

  /** e after a visit: e + 1 (accumulating) or 1 (replacing). */
  public static double visit(double trace, boolean replacing) {
    return replacing ? 1.0 : trace + 1.0;
  }

  /** A table of traces over (s, a), all zero. */
  static void clear(double[][] e) {
    for (double[] row : e) {
      Arrays.fill(row, 0.0);
    }
  }
}
