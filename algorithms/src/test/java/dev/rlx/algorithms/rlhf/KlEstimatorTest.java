package dev.rlx.algorithms.rlhf;

import static dev.rlx.algorithms.rlhf.Arrays2.log;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Schulman's k1, k2, k3 (§7.6 exercise 2): values, signs, masks, and their means under sampling. */
class KlEstimatorTest extends TensorTest {

  @Test
  void valuesAndSignsOnKnownTokens() {
    // token 0: π_θ = ½, π_ref = ¼ → log r = log ½ = −0.6931472
    //   k1 = 0.6931472, k2 = ½·0.4804530 = 0.2402265, k3 = (½ − 1) + 0.6931472 = 0.1931472
    // token 1: π_θ = ¼, π_ref = ½ → log r = +0.6931472
    //   k1 = −0.6931472 (negative), k2 = 0.2402265, k3 = (2 − 1) − 0.6931472 = 0.3068528
    // token 2: padding with garbage (NaN, +inf) → 0
    NDArray logp = Arrays2.rows(m, new float[][] {{log(0.5), log(0.25), Float.NaN}});
    NDArray ref = Arrays2.rows(m, new float[][] {{log(0.25), log(0.5), Float.POSITIVE_INFINITY}});
    NDArray mask = Arrays2.rows(m, new float[][] {{1, 1, 0}});
    float[] k1 = KlEstimator.K1.perToken(logp, ref, mask).toFloatArray();
    float[] k2 = KlEstimator.K2.perToken(logp, ref, mask).toFloatArray();
    float[] k3 = KlEstimator.K3.perToken(logp, ref, mask).toFloatArray();
    assertThat(k1).containsExactly(new float[] {0.6931472f, -0.6931472f, 0f}, within(1e-6f));
    assertThat(k2).containsExactly(new float[] {0.2402265f, 0.2402265f, 0f}, within(1e-6f));
    assertThat(k3).containsExactly(new float[] {0.1931472f, 0.3068528f, 0f}, within(1e-6f));
  }

  @Test
  void meansOverSamplesFromThePolicyApproximateTheTrueKl() {
    // π_θ = p = (0.6, 0.3, 0.1), π_ref = q = (0.2, 0.3, 0.5); x ~ p, N = 50 000 draws
    double[] p = {0.6, 0.3, 0.1};
    double[] q = {0.2, 0.3, 0.5};
    // exact: KL(p‖q) = Σ p log(p/q) = 0.6 log 3 + 0 + 0.1 log 0.2 = 0.6591674 − 0.1609438 = 0.4982236
    double kl = 0;
    for (int x = 0; x < 3; x++) {
      kl += p[x] * Math.log(p[x] / q[x]);
    }
    assertThat(kl).isCloseTo(0.4982236, within(1e-6));
    int n = 50_000;
    SplittableRandom rng = new SplittableRandom(11);
    float[] logp = new float[n];
    float[] logq = new float[n];
    for (int i = 0; i < n; i++) {
      double u = rng.nextDouble();
      int x = u < p[0] ? 0 : u < p[0] + p[1] ? 1 : 2;
      logp[i] = (float) Math.log(p[x]);
      logq[i] = (float) Math.log(q[x]);
    }
    NDArray lp = m.create(logp, new Shape(1, n));
    NDArray lq = m.create(logq, new Shape(1, n));
    NDArray ones = m.ones(new Shape(1, n));
    for (KlEstimator k : KlEstimator.values()) {
      float[] samples = k.perToken(lp, lq, ones).toFloatArray();
      double mean = 0;
      double min = Double.POSITIVE_INFINITY;
      for (float s : samples) {
        mean += s / (double) n;
        min = Math.min(min, s);
      }
      // the estimator's exact mean and variance under p (3 outcomes), for a 5-standard-error
      // tolerance: a correct implementation fails with probability < 1e-6 (normal tail; N is large)
      double exactMean = 0;
      double exactSquare = 0;
      for (int x = 0; x < 3; x++) {
        double logR = Math.log(q[x] / p[x]);
        double value = switch (k) {
          case K1 -> -logR;
          case K2 -> 0.5 * logR * logR;
          case K3 -> Math.exp(logR) - 1 - logR;
        };
        exactMean += p[x] * value;
        exactSquare += p[x] * value * value;
      }
      double standardError = Math.sqrt((exactSquare - exactMean * exactMean) / n);
      assertThat(mean).as("%s mean", k).isCloseTo(exactMean, within(5 * standardError));
      switch (k) {
        case K1 -> {
          assertThat(exactMean).isCloseTo(kl, within(1e-12)); // unbiased
          assertThat(min).as("k1 is negative where q > p").isLessThan(0);
        }
        case K2 -> {
          // biased: E[½ (log r)²] = ½(0.6 log²3 + 0.1 log²5) = ½(0.7241694 + 0.2590290) = 0.4915992 ≠ 0.4982236
          assertThat(exactMean).isCloseTo(0.4915992, within(1e-6));
          assertThat(min).isGreaterThanOrEqualTo(0);
        }
        case K3 -> {
          assertThat(exactMean).isCloseTo(kl, within(1e-12)); // unbiased: E_p[r − 1] = Σ q − 1 = 0
          assertThat(min).isGreaterThanOrEqualTo(0);
        }
      }
      assertThat(mean).as("%s ≈ KL", k).isCloseTo(kl, within(0.02));
    }
  }
}
