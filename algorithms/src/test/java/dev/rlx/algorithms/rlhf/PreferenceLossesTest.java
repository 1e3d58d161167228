package dev.rlx.algorithms.rlhf;

import static dev.rlx.algorithms.rlhf.Arrays2.sigmoid;
import static dev.rlx.algorithms.rlhf.Arrays2.softplus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Reward-model losses (§7.2), DPO and IPO (§7.4) on hand-computed pairs. */
class PreferenceLossesTest extends TensorTest {

  @Nested
  class RewardModel {

    @Test
    void bradleyTerryIsTheMeanNegativeLogSigmoidOfTheRewardDifference() {
      // r_w − r_l = [2 − 1, 0 − 1] = [1, −1]
      // L = ½(−log σ(1) − log σ(−1)) = ½(softplus(−1) + softplus(1)) = ½(0.3132617 + 1.3132617) = 0.8132617
      PreferenceLoss l = RewardModelLoss.bradleyTerry(m.create(new float[] {2, 0}), m.create(new float[] {1, 1}));
      assertThat(l.loss().getFloat()).isCloseTo(0.8132617f, within(1e-6f));
      assertThat(0.5 * (softplus(-1) + softplus(1))).isCloseTo(0.8132617, within(1e-7));
      assertThat(l.rewardMargin()).isCloseTo(0, within(1e-7));
      assertThat(l.accuracy()).isEqualTo(0.5);
      assertThat(l.chosenReward()).isCloseTo(1, within(1e-7));
      assertThat(l.rejectedReward()).isCloseTo(1, within(1e-7));
      assertThat(l.metrics()).containsKeys("losses/loss", "rewards/margin", "rewards/accuracy");
    }

    @Test
    void bradleyTerryStaysFiniteOnLargeRewardGaps() {
      // −log σ(−200) = 200 (+ e^−200); a naive log(sigmoid) would give inf
      PreferenceLoss l = RewardModelLoss.bradleyTerry(m.create(new float[] {-100}), m.create(new float[] {100}));
      assertThat(l.loss().getFloat()).isCloseTo(200f, within(1e-3f));
    }

    @Test
    void hingeStopsPushingOncePairsClearTheMargin() {
      // m = 0.5, r_w − r_l = [1, −1]: max(0, 0.5 − 1) = 0, max(0, 0.5 + 1) = 1.5; mean 0.75
      PreferenceLoss l = RewardModelLoss.hinge(m.create(new float[] {2, 0}), m.create(new float[] {1, 1}), 0.5);
      assertThat(l.loss().getFloat()).isCloseTo(0.75f, within(1e-6f));
      // gradient: only the violating pair pushes, −1/B on its r_w
      float[] g = Arrays2.gradient(m.create(new float[] {2, 0}),
          w -> RewardModelLoss.hinge(w, m.create(new float[] {1, 1}), 0.5).loss());
      assertThat(g[0]).isCloseTo(0f, within(0f));
      assertThat(g[1]).isCloseTo(-0.5f, within(1e-7f));
    }

    @Test
    void rejectsUnpairedBatches() {
      assertThatThrownBy(() -> RewardModelLoss.bradleyTerry(m.create(new float[] {1, 2}), m.create(new float[] {1})))
          .hasMessageContaining("rejectedRewards").hasMessageContaining("(2)");
      assertThatThrownBy(() -> RewardModelLoss.hinge(m.create(new float[] {1}), m.create(new float[] {1}), -1))
          .hasMessageContaining("margin");
    }
  }

  // Two pairs: log π_θ(y_w), log π_ref(y_w), log π_θ(y_l), log π_ref(y_l)
  //   pair 1: −10, −12, −11, −10    (log-ratios +2, −1)
  //   pair 2:  −8,  −7,  −9, −9.5   (log-ratios −1, +0.5)
  NDArray chosen() {
    return m.create(new float[] {-10, -8});
  }

  NDArray refChosen() {
    return m.create(new float[] {-12, -7});
  }

  NDArray rejected() {
    return m.create(new float[] {-11, -9});
  }

  NDArray refRejected() {
    return m.create(new float[] {-10, -9.5f});
  }

  @Nested
  class DpoLoss {

    @Test
    void isBradleyTerryOnTheImplicitRewards() {
      // β = 0.1: r_w = [0.2, −0.1], r_l = [−0.1, 0.05]; r_w − r_l = [0.3, −0.15]
      // L = ½(softplus(−0.3) + softplus(0.15)) = ½(log 1.7408182 + log 2.1618342) = ½(0.5543552 + 0.7709571) = 0.6626562
      PreferenceLoss l = Dpo.loss(chosen(), rejected(), refChosen(), refRejected(), 0.1);
      double expected = 0.5 * (softplus(-0.3) + softplus(0.15));
      assertThat(expected).isCloseTo(0.6626562, within(1e-6));
      assertThat(l.loss().getFloat()).isCloseTo((float) expected, within(1e-6f));
      assertThat(l.rewardMargin()).isCloseTo((0.3 - 0.15) / 2, within(1e-6));
      assertThat(l.accuracy()).isEqualTo(0.5);
      assertThat(l.chosenReward()).isCloseTo((0.2 - 0.1) / 2, within(1e-6));
      assertThat(l.rejectedReward()).isCloseTo((-0.1 + 0.05) / 2, within(1e-6));
    }

    @Test
    void gradientWithRespectToTheChosenLogProbIsMinusBetaSigmoidOfMinusBetaH() {
      // ∂/∂log π_θ(y_w) of −log σ(βh) is −β σ(−βh); the batch mean divides by B = 2:
      //   pair 1: −0.1 σ(−0.3) / 2 = −0.0212782,  pair 2: −0.1 σ(0.15) / 2 = −0.0268718
      float[] gw = Arrays2.gradient(chosen(), w -> Dpo.loss(w, rejected(), refChosen(), refRejected(), 0.1).loss());
      assertThat(gw[0]).isCloseTo(-0.1f * sigmoid(-0.3) / 2, within(1e-7f));
      assertThat(gw[1]).isCloseTo(-0.1f * sigmoid(0.15) / 2, within(1e-7f));
      // and the opposite for the rejected one
      float[] gl = Arrays2.gradient(rejected(), l -> Dpo.loss(chosen(), l, refChosen(), refRejected(), 0.1).loss());
      assertThat(gl[0]).isCloseTo(0.1f * sigmoid(-0.3) / 2, within(1e-7f));
      assertThat(gl[1]).isCloseTo(0.1f * sigmoid(0.15) / 2, within(1e-7f));
      // finite differences agree
      float[] fd = Arrays2.finiteDifferences(m, new float[] {-10, -8}, new ai.djl.ndarray.types.Shape(2), 1e-2,
          w -> Dpo.loss(w, rejected(), refChosen(), refRejected(), 0.1).loss());
      assertThat(fd[0]).isCloseTo(gw[0], within(1e-4f));
      assertThat(fd[1]).isCloseTo(gw[1], within(1e-4f));
    }

    @Test
    void theReferenceGetsNoGradient() {
      // the frozen reference's log-probs are detached inside: even if they carry a graph, none flows back
      NDArray ref = refChosen();
      ref.setRequiresGradient(true);
      Arrays2.gradient(chosen(), w -> Dpo.loss(w, rejected(), ref, refRejected(), 0.1).loss());
      try (NDArray g = ref.getGradient()) {
        assertThat(g.toFloatArray()).containsOnly(0f);
      }
    }

    @Test
    void rejectsANonPositiveBeta() {
      assertThatThrownBy(() -> Dpo.loss(chosen(), rejected(), refChosen(), refRejected(), 0)).hasMessageContaining("beta");
    }
  }

  @Nested
  class IpoLoss {

    @Test
    void isTheSquaredDistanceOfTheLogRatioMarginFromOneOverTwoBeta() {
      // β = 0.5 → 1/(2β) = 1. h = (log-ratio_w − log-ratio_l) = [2 − (−1), −1 − 0.5] = [3, −1.5]
      // L = ½((3 − 1)² + (−1.5 − 1)²) = ½(4 + 6.25) = 5.125
      PreferenceLoss l = Ipo.loss(chosen(), rejected(), refChosen(), refRejected(), 0.5);
      assertThat(l.loss().getFloat()).isCloseTo(5.125f, within(1e-5f));
      // implicit rewards β·log-ratio: margin ½(0.5·3 + 0.5·(−1.5)) = 0.375
      assertThat(l.rewardMargin()).isCloseTo(0.375, within(1e-6));
      assertThat(l.accuracy()).isEqualTo(0.5);
      // ∂L/∂log π_θ(y_w) = 2(h − 1)/B = [2, −2.5]
      float[] g = Arrays2.gradient(chosen(), w -> Ipo.loss(w, rejected(), refChosen(), refRejected(), 0.5).loss());
      assertThat(g[0]).isCloseTo(2f, within(1e-5f));
      assertThat(g[1]).isCloseTo(-2.5f, within(1e-5f));
    }
  }
}
