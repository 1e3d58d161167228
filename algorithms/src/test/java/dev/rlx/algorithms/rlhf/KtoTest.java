package dev.rlx.algorithms.rlhf;

import static dev.rlx.algorithms.rlhf.Arrays2.sigmoid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import org.junit.jupiter.api.Test;

/** KTO (§7.5) on hand-computed batches: both branches, z_0, its clamp and its detachment. */
class KtoTest extends TensorTest {

  @Test
  void desirableAndUndesirableBranchesAroundTheBatchReferencePoint() {
    // β = 0.5, λ_D = 1, λ_U = 1.5; log π_θ = [−2, −3, −4, −5], log π_ref = −4 each, labels D, U, U, D
    // r_θ = 0.5·[2, 1, 0, −1] = [1, 0.5, 0, −0.5]; z_0 = max(0, mean r_θ) = 0.25
    //   0 (D): 1 − σ(0.5(1 − 0.25))        = 1 − σ(0.375)
    //   1 (U): 1.5(1 − σ(0.5(0.25 − 0.5)))  = 1.5(1 − σ(−0.125))
    //   2 (U): 1.5(1 − σ(0.5(0.25 − 0)))    = 1.5(1 − σ(0.125))
    //   3 (D): 1 − σ(0.5(−0.5 − 0.25))      = 1 − σ(−0.375)
    // σ(a) + σ(−a) = 1, so the D terms sum to 1 and the U terms to 1.5: L = 2.5 / 4 = 0.625,
    // desirable loss ½, undesirable ¾; mean r_θ over D = (1 − 0.5)/2, over U = (0.5 + 0)/2
    Kto.Result r = Kto.loss(m.create(new float[] {-2, -3, -4, -5}), m.create(new float[] {-4, -4, -4, -4}),
        m.create(new float[] {1, 0, 0, 1}), 0.5, 1, 1.5);
    assertThat(r.z0()).isCloseTo(0.25, within(1e-7));
    assertThat(r.loss().getFloat()).isCloseTo(0.625f, within(1e-6f));
    assertThat(r.desirableLoss()).isCloseTo(0.5, within(1e-6));
    assertThat(r.undesirableLoss()).isCloseTo(0.75, within(1e-6));
    assertThat(r.desirableReward()).isCloseTo(0.25, within(1e-7));
    assertThat(r.undesirableReward()).isCloseTo(0.25, within(1e-7));
    // the branches one by one
    assertThat(1 - sigmoid(0.375) + 1 - sigmoid(-0.375)).isCloseTo(1f, within(1e-7f));
    assertThat(r.metrics()).containsEntry("kto/z0", 0.25);
  }

  @Test
  void theReferencePointIsClampedAtZero() {
    // log π_θ = [−3, −5, −4, −6], log π_ref = −4: r_θ = 0.5·[1, −1, 0, −2] = [0.5, −0.5, 0, −1], mean −0.25 → z_0 = 0
    //   0 (D): 1 − σ(0.5·0.5) = 1 − σ(0.25)            2 (D): 1 − σ(0) = 0.5
    //   1 (U): 1.5(1 − σ(0.5·0.5)) = 1.5(1 − σ(0.25))  3 (U): 1.5(1 − σ(0.5·1)) = 1.5(1 − σ(0.5))
    Kto.Result r = Kto.loss(m.create(new float[] {-3, -5, -4, -6}), m.create(new float[] {-4, -4, -4, -4}),
        m.create(new float[] {1, 0, 1, 0}), 0.5, 1, 1.5);
    assertThat(r.z0()).isZero();
    double expected = (1 - sigmoid(0.25) + 1.5 * (1 - sigmoid(0.25)) + 0.5 + 1.5 * (1 - sigmoid(0.5))) / 4;
    assertThat(r.loss().getFloat()).isCloseTo((float) expected, within(1e-6f));
    assertThat(Kto.referencePoint(m.create(new float[] {-3, -5, -4, -6}), m.create(new float[] {-4, -4, -4, -4}), 0.5))
        .isZero();
  }

  @Test
  void theReferencePointIsAConstantSoTheGradientIsThatOfEachBranchAlone() {
    // ∂/∂log π_θ(y_0) of λ_D(1 − σ(β(r_θ − z_0)))/B with r_θ = β·logratio and z_0 detached:
    //   −λ_D σ'(0.375) β² / B = −σ(0.375)σ(−0.375) · 0.25 / 4
    // (a z_0 that carried gradient would add +σ'(·)β²/B² terms from every example)
    NDArray logp = m.create(new float[] {-2, -3, -4, -5});
    float[] g = Arrays2.gradient(logp, x -> Kto.loss(x, m.create(new float[] {-4, -4, -4, -4}),
        m.create(new float[] {1, 0, 0, 1}), 0.5, 1, 1.5).loss());
    assertThat(g[0]).isCloseTo(-sigmoid(0.375) * sigmoid(-0.375) * 0.25f / 4, within(1e-7f));
    // undesirable example 1: +λ_U σ'(β(z_0 − r_θ)) β² / B = 1.5 σ(−0.125)σ(0.125) · 0.25 / 4
    assertThat(g[1]).isCloseTo(1.5f * sigmoid(-0.125) * sigmoid(0.125) * 0.25f / 4, within(1e-7f));
  }

  @Test
  void aCallerSuppliedReferencePointIsUsedAsGiven() {
    // z_0 = 1, β = 1, one desirable example with r_θ = 1: 1 − σ(0) = 0.5
    Kto.Result r = Kto.loss(m.create(new float[] {-1}), m.create(new float[] {-2}), m.create(new float[] {1}), 1, 1, 1, 1.0);
    assertThat(r.loss().getFloat()).isCloseTo(0.5f, within(1e-7f));
    assertThat(r.undesirableLoss()).isNaN();
  }

  @Test
  void rejectsLabelsOfTheWrongShapeAndNonPositiveWeights() {
    assertThatThrownBy(() -> Kto.loss(m.create(new float[] {-1, -2}), m.create(new float[] {-1, -2}),
        m.create(new float[] {1}), 0.1, 1, 1)).hasMessageContaining("desirable");
    assertThatThrownBy(() -> Kto.loss(m.create(new float[] {-1}), m.create(new float[] {-1}),
        m.create(new float[] {1}), 0.1, 0, 1)).hasMessageContaining("lambdaD");
  }
}
