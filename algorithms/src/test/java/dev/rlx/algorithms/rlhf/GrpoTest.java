package dev.rlx.algorithms.rlhf;

import static dev.rlx.algorithms.rlhf.Arrays2.log;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import org.junit.jupiter.api.Test;

/**
 * GRPO (§7.6) and DAPO (§7.7) on one hand-computed batch of two responses of unequal length:
 *
 * <pre>
 *   row 0: A = +1, ρ = [1.1, 1.5, 0.7],  π_ref/π_θ = 2 on every token
 *   row 1: A = −1, ρ = [0.5, 1.5, pad],  π_ref/π_θ = ½
 * </pre>
 *
 * with log π_old = log ½ on response tokens; the padding holds NaN / ±inf, which must not matter.
 * Per-token clipped surrogate, ε = 0.2, ℓ = −min(ρA, clip(ρ, 0.8, 1.2)A):
 * row 0: −1.1, −1.2 (clipped above), −0.7 (A &gt; 0: the low clip does not bind);
 * row 1: +0.8 (clipped below binds for A &lt; 0), +1.5 (A &lt; 0: the high clip does not bind).
 */
class GrpoTest extends TensorTest {

  static final float LOG_HALF = log(0.5);
  static final float NAN = Float.NaN;

  float[] logProbs() {
    return new float[] {LOG_HALF + log(1.1), LOG_HALF + log(1.5), LOG_HALF + log(0.7),
        LOG_HALF + log(0.5), LOG_HALF + log(1.5), NAN};
  }

  NDArray logp() {
    return m.create(logProbs(), new ai.djl.ndarray.types.Shape(2, 3));
  }

  NDArray old() {
    return Arrays2.rows(m, new float[][] {{LOG_HALF, LOG_HALF, LOG_HALF}, {LOG_HALF, LOG_HALF, Float.POSITIVE_INFINITY}});
  }

  NDArray ref() {
    float[] lp = logProbs();
    return Arrays2.rows(m, new float[][] {{lp[0] + log(2), lp[1] + log(2), lp[2] + log(2)},
        {lp[3] + log(0.5), lp[4] + log(0.5), Float.NEGATIVE_INFINITY}});
  }

  NDArray mask() {
    return Arrays2.rows(m, new float[][] {{1, 1, 1}, {1, 1, 0}});
  }

  NDArray advantages() {
    return m.create(new float[] {1, -1});
  }

  static final double K3_ROW0 = 1 - Math.log(2); // (r − 1) − log r at r = 2: 0.3068528
  static final double K3_ROW1 = -0.5 + Math.log(2); // at r = ½: 0.1931472

  @Test
  void clippedSurrogateOnBothSidesUnderEachAggregation() {
    // sequence mean: row 0 −(1.1 + 1.2 + 0.7)/3 = −1, row 1 (0.8 + 1.5)/2 = 1.15 → (−1 + 1.15)/2 = 0.075
    Grpo.Result seq = Grpo.loss(logp(), old(), null, mask(), advantages(), Grpo.Config.grpo(0.2, 0));
    assertThat(seq.loss().getFloat()).isCloseTo(0.075f, within(1e-6f));
    assertThat(seq.policyLoss()).isCloseTo(0.075, within(1e-6));
    // token mean: (−3.0 + 2.3)/5 = −0.14 — not the same number on unequal lengths (DAPO's point)
    Grpo.Config tokenMean = new Grpo.Config(0.2, 0.2, 0, KlEstimator.K3, LossAggregation.TOKEN_MEAN);
    Grpo.Result tok = Grpo.loss(logp(), old(), null, mask(), advantages(), tokenMean);
    assertThat(tok.loss().getFloat()).isCloseTo(-0.14f, within(1e-6f));
    // ρ: |ρ − 1| > 0.2 for 1.5, 0.7, 0.5, 1.5 → 4/5; mean 5.3/5; min ½; max 1.5
    assertThat(seq.ratio().clipFraction()).isCloseTo(0.8, within(1e-9));
    assertThat(seq.ratio().ratioMean()).isCloseTo(1.06, within(1e-6));
    assertThat(seq.ratio().ratioMin()).isCloseTo(0.5, within(1e-6));
    assertThat(seq.ratio().ratioMax()).isCloseTo(1.5, within(1e-6));
    // approx KL: mean of ρ − 1 − log ρ over the five tokens
    double approxKl = 0;
    for (double rho : new double[] {1.1, 1.5, 0.7, 0.5, 1.5}) {
      approxKl += (rho - 1 - Math.log(rho)) / 5;
    }
    assertThat(seq.ratio().approxKl()).isCloseTo(approxKl, within(1e-6));
    assertThat(seq.klToReference()).isNaN();
    assertThat(seq.metrics()).containsKeys("losses/policy_loss", "losses/clipfrac", "losses/approx_kl", "losses/kl_ref");
  }

  @Test
  void theClipDiagnosticsSayWhichSideCutTheGradientAndOnHowLikelyATokens() {
    // ε = 0.2: the upper clip cuts row 0's ρ = 1.5 (A > 0); the lower clip cuts row 1's ρ = 0.5 (A < 0);
    // row 0's 0.7 and row 1's 1.5 lie outside the band on the side that does not bind: not cut
    RatioStats symmetric = Grpo.loss(logp(), old(), null, mask(), advantages(), Grpo.Config.grpo(0.2, 0)).ratio();
    assertThat(symmetric.clipHighFraction()).isCloseTo(0.2, within(1e-9));
    assertThat(symmetric.clipLowFraction()).isCloseTo(0.2, within(1e-9));
    assertThat(symmetric.clippedHighProb()).isCloseTo(0.5, within(1e-6)); // π_old of the cut token
    // clip-higher, ε_high = 0.6: ρ = 1.5 may rise further, so nothing is cut at the top
    Grpo.Config clipHigher = new Grpo.Config(0.2, 0.6, 0, KlEstimator.K3, LossAggregation.TOKEN_MEAN);
    Grpo.Result higher = Grpo.loss(logp(), old(), null, mask(), advantages(), clipHigher);
    assertThat(higher.ratio().clipHighFraction()).isZero();
    assertThat(higher.ratio().clipLowFraction()).isCloseTo(0.2, within(1e-9));
    assertThat(higher.ratio().clippedHighProb()).isNaN();
    assertThat(higher.metrics()).containsKeys("losses/clipfrac_high", "losses/clipfrac_low")
        .doesNotContainKey("losses/clipped_high_prob");
  }

  @Test
  void theKlPenaltyIsAddedPerTokenBeforeAggregation() {
    // β = 0.1, k3: row 0 adds 0.1·0.3068528 to each token, row 1 0.1·0.1931472
    // sequence mean: (−1 + 0.0306853 + 1.15 + 0.0193147)/2 = 0.1
    Grpo.Result seq = Grpo.loss(logp(), old(), ref(), mask(), advantages(), Grpo.Config.grpo(0.2, 0.1));
    assertThat(seq.loss().getFloat()).isCloseTo((float) ((-1 + 0.1 * K3_ROW0 + 1.15 + 0.1 * K3_ROW1) / 2), within(1e-6f));
    assertThat(seq.loss().getFloat()).isCloseTo(0.1f, within(1e-6f));
    assertThat(seq.policyLoss()).isCloseTo(0.075, within(1e-6));
    // the logged KL to π_ref: token mean (3·0.3068528 + 2·0.1931472)/5 = 0.2613706
    assertThat(seq.klToReference()).isCloseTo((3 * K3_ROW0 + 2 * K3_ROW1) / 5, within(1e-6));
    // token mean: (−0.7 + 0.1(3·0.3068528 + 2·0.1931472))/5 = −0.1138629
    Grpo.Config tokenMean = new Grpo.Config(0.2, 0.2, 0.1, KlEstimator.K3, LossAggregation.TOKEN_MEAN);
    Grpo.Result tok = Grpo.loss(logp(), old(), ref(), mask(), advantages(), tokenMean);
    assertThat(tok.loss().getFloat()).isCloseTo((float) ((-0.7 + 0.1 * (3 * K3_ROW0 + 2 * K3_ROW1)) / 5), within(1e-6f));
    // k1 instead: −log r = −log 2 on row 0, +log 2 on row 1 → sequence mean (−1 − 0.1 log 2 + 1.15 + 0.1 log 2)/2 = 0.075
    Grpo.Config k1 = new Grpo.Config(0.2, 0.2, 0.1, KlEstimator.K1, LossAggregation.SEQUENCE_MEAN);
    assertThat(Grpo.loss(logp(), old(), ref(), mask(), advantages(), k1).loss().getFloat()).isCloseTo(0.075f, within(1e-6f));
  }

  @Test
  void dapoClipHigherLetsPositiveAdvantageTokensRiseFurther() {
    // ε_low = 0.2, ε_high = 0.6: row 0's ρ = 1.5 is no longer clipped → ℓ = −1.5
    // token mean: (−(1.1 + 1.5 + 0.7) + 0.8 + 1.5)/5 = (−3.3 + 2.3)/5 = −0.2; clipped: only 0.7 and 0.5 → 2/5
    Grpo.Result r = Dapo.loss(logp(), old(), null, mask(), advantages(), 0.2, 0.6, 0);
    assertThat(r.loss().getFloat()).isCloseTo(-0.2f, within(1e-6f));
    assertThat(r.ratio().clipFraction()).isCloseTo(0.4, within(1e-9));
    assertThatThrownBy(() -> Dapo.config(0.3, 0.2, 0)).hasMessageContaining("epsHigh ≥ epsLow");
  }

  @Test
  void gradientMatchesTheClosedFormAndFiniteDifferences() {
    // ∂L/∂log π_θ(t) = 1/B · 1/|y_i| · (−A_i ρ_t [unclipped branch active; 0 if clipped] + β (1 − π_ref/π_θ))
    // sequence mean, β = 0.1, k3 (∂k3/∂log π_θ = 1 − r):
    //   row 0 (1/6): ρ 1.1 → (−1.1 − 0.1)/6 = −0.2;  ρ 1.5 clipped → (0 − 0.1)/6;  ρ 0.7 → (−0.7 − 0.1)/6
    //   row 1 (1/4): ρ 0.5 clipped → (0 + 0.05)/4 = 0.0125;  ρ 1.5 → (1.5 + 0.05)/4 = 0.3875;  padding → 0
    float[] g = Arrays2.gradient(logp(), x -> Grpo.loss(x, old(), ref(), mask(), advantages(), Grpo.Config.grpo(0.2, 0.1)).loss());
    float[] expected = {-0.2f, -0.1f / 6, -0.8f / 6, 0.0125f, 0.3875f, 0f};
    for (int k = 0; k < 6; k++) {
      assertThat(g[k]).as("∂L/∂logp[%d]", k).isCloseTo(expected[k], within(1e-6f));
    }
    // finite differences of the token-mean (DAPO) loss; every ρ is ≥ 0.08 from a clip edge, h = 1e-3
    Grpo.Config dapo = Dapo.config(0.2, 0.28, 0.1);
    float[] auto = Arrays2.gradient(logp(), x -> Grpo.loss(x, old(), ref(), mask(), advantages(), dapo).loss());
    float[] fd = Arrays2.finiteDifferences(m, logProbs(), new ai.djl.ndarray.types.Shape(2, 3), 1e-3,
        x -> Grpo.loss(x, old(), ref(), mask(), advantages(), dapo).loss());
    for (int k = 0; k < 5; k++) {
      assertThat(fd[k]).as("finite difference [%d]", k).isCloseTo(auto[k], within(1e-3f));
    }
    assertThat(auto[5]).isZero();
  }

  @Test
  void paddingContributesNothing() {
    // the same batch with row 1's padding moved into a third, fully masked column of garbage
    // gives the same loss as a batch without it
    NDArray shortLogp = Arrays2.rows(m, new float[][] {{logProbs()[3], logProbs()[4]}});
    NDArray shortOld = Arrays2.rows(m, new float[][] {{LOG_HALF, LOG_HALF}});
    NDArray shortRef = Arrays2.rows(m, new float[][] {{logProbs()[3] + log(0.5), logProbs()[4] + log(0.5)}});
    Grpo.Result alone = Grpo.loss(shortLogp, shortOld, shortRef, m.ones(new ai.djl.ndarray.types.Shape(1, 2)),
        m.create(new float[] {-1}), Grpo.Config.grpo(0.2, 0.1));
    // row 1 alone: (0.8 + 1.5)/2 + 0.1·0.1931472
    assertThat(alone.loss().getFloat()).isCloseTo((float) (1.15 + 0.1 * K3_ROW1), within(1e-6f));
    Grpo.Result padded = Grpo.loss(logp().get("1:2"), old().get("1:2"), ref().get("1:2"), mask().get("1:2"),
        m.create(new float[] {-1}), Grpo.Config.grpo(0.2, 0.1));
    assertThat(padded.loss().getFloat()).isCloseTo(alone.loss().getFloat(), within(1e-7f));
    assertThat(padded.ratio().ratioMax()).isCloseTo(1.5, within(1e-6));
    // per-token advantages [B, T] with garbage on padding are accepted too
    NDArray tokenAdv = Arrays2.rows(m, new float[][] {{1, 1, 1}, {-1, -1, NAN}});
    assertThat(Grpo.loss(logp(), old(), ref(), mask(), tokenAdv, Grpo.Config.grpo(0.2, 0.1)).loss().getFloat())
        .isCloseTo(0.1f, within(1e-6f));
  }

  @Test
  void argumentChecksNameTheField() {
    assertThatThrownBy(() -> Grpo.loss(logp(), old(), null, mask(), advantages(), Grpo.Config.grpo(0.2, 0.1)))
        .hasMessageContaining("refLogProbs is required when beta > 0");
    assertThatThrownBy(() -> Grpo.loss(logp(), old(), null, mask(), m.create(new float[] {1, 2, 3}), Grpo.Config.grpo(0.2, 0)))
        .hasMessageContaining("advantages");
    assertThatThrownBy(() -> Grpo.loss(logp(), old().get("0:1"), null, mask(), advantages(), Grpo.Config.grpo(0.2, 0)))
        .hasMessageContaining("oldLogProbs");
    assertThatThrownBy(() -> Grpo.Config.grpo(1.5, 0)).hasMessageContaining("epsLow");
  }
}
