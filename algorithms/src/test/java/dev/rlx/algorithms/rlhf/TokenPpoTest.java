package dev.rlx.algorithms.rlhf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import dev.rlx.algorithms.deep.Gae;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Token-level PPO (§7.3): reward shaping, masked GAE with γ = 1, clipped surrogate + value loss. */
class TokenPpoTest extends TensorTest {

  @Test
  void shapedRewardsPayTheKlPenaltyPerTokenAndTheSequenceRewardOnTheLastResponseToken() {
    // β = 0.1
    // row 0, mask [1,1,1]: log π_θ − log π_ref = [0.5, 0, 0.5] → −β· = [−0.05, 0, −0.05]; r_φ = 2 at t = 2
    // row 1, mask [1,1,0]: [−0.2, 0.2, pad] → [0.02, −0.02, 0]; r_φ = −1 at t = 1 (its last response token)
    // row 2, mask [0,1,1] (left padding): [pad, 0, 0]; r_φ = 3 at t = 2
    NDArray logp = Arrays2.rows(m, new float[][] {{-1, -2, -0.5f}, {-1, -1, 50}, {Float.NaN, -1, -1}});
    NDArray ref = Arrays2.rows(m, new float[][] {{-1.5f, -2, -1}, {-0.8f, -1.2f, 0}, {0, -1, -1}});
    NDArray mask = Arrays2.rows(m, new float[][] {{1, 1, 1}, {1, 1, 0}, {0, 1, 1}});
    float[] r = TokenPpo.rewards(logp, ref, mask, m.create(new float[] {2, -1, 3}), 0.1).toFloatArray();
    assertThat(r).containsExactly(new float[] {-0.05f, 0, 1.95f, 0.02f, -1.02f, 0, 0, 0, 3}, within(1e-6f));
  }

  @Test
  void gaeWithGammaOneRunsOverTheResponseTokensOnly() {
    // γ = 1, λ = ½; row 0: r = [−0.05, 0, 1.95], V = [0.5, 1, 1.5], all response
    //   t2: δ = 1.95 + 0 − 1.5 = 0.45;            Â = 0.45
    //   t1: δ = 0 + 1.5 − 1 = 0.5;                Â = 0.5 + ½·0.45 = 0.725
    //   t0: δ = −0.05 + 1 − 0.5 = 0.45;           Â = 0.45 + ½·0.725 = 0.8125
    //   R̂ = Â + V = [1.3125, 1.725, 1.95]
    // row 1: mask [1, 0, 1] (a hole is skipped): r = [1, 99, 2], V = [0.5, 99, 1]
    //   t2: δ = 2 − 1 = 1; Â = 1.   t0: δ = 1 + 1 − 0.5 = 1.5; Â = 1.5 + ½·1 = 2.   hole: 0
    NDArray rewards = Arrays2.rows(m, new float[][] {{-0.05f, 0, 1.95f}, {1, 99, 2}});
    NDArray values = Arrays2.rows(m, new float[][] {{0.5f, 1, 1.5f}, {0.5f, 99, 1}});
    NDArray mask = Arrays2.rows(m, new float[][] {{1, 1, 1}, {1, 0, 1}});
    TokenPpo.Advantages a = TokenPpo.advantages(rewards, values, mask, 1, 0.5);
    assertThat(a.advantages().toFloatArray()).containsExactly(new float[] {0.8125f, 0.725f, 0.45f, 2, 0, 1}, within(1e-6f));
    assertThat(a.returns().toFloatArray()).containsExactly(new float[] {1.3125f, 1.725f, 1.95f, 2.5f, 0, 2}, within(1e-6f));
  }

  @Test
  void maskedGaeAgreesWithTheSharedGaeOnRightPaddedRows() {
    // deep.Gae's [step][copy] layout: the row's last response token terminates the episode
    int b = 4;
    int t = 7;
    int[] lengths = {7, 3, 5, 1};
    SplittableRandom rng = new SplittableRandom(3);
    float[] r = new float[b * t];
    float[] v = new float[b * t];
    float[] mask = new float[b * t];
    for (int i = 0; i < b; i++) {
      for (int s = 0; s < lengths[i]; s++) {
        r[i * t + s] = (float) rng.nextDouble(-1, 1);
        v[i * t + s] = (float) rng.nextDouble(-1, 1);
        mask[i * t + s] = 1;
      }
    }
    float[] rT = new float[b * t];
    float[] vT = new float[b * t];
    float[] nextT = new float[b * t];
    boolean[] terminated = new boolean[b * t];
    for (int i = 0; i < b; i++) {
      for (int s = 0; s < t; s++) {
        rT[s * b + i] = r[i * t + s];
        vT[s * b + i] = v[i * t + s];
        nextT[s * b + i] = s + 1 < t ? v[i * t + s + 1] : 0;
        terminated[s * b + i] = s == lengths[i] - 1;
      }
    }
    float[] expected = new float[b * t];
    Gae.compute(t, b, rT, vT, nextT, terminated, new boolean[b * t], 1.0, 0.95, expected);
    ai.djl.ndarray.types.Shape shape = new ai.djl.ndarray.types.Shape(b, t);
    float[] actual = TokenPpo.advantages(m.create(r, shape), m.create(v, shape), m.create(mask, shape), 1.0, 0.95)
        .advantages().toFloatArray();
    for (int i = 0; i < b; i++) {
      for (int s = 0; s < lengths[i]; s++) {
        assertThat(actual[i * t + s]).as("row %d token %d", i, s).isCloseTo(expected[s * b + i], within(1e-5f));
      }
    }
  }

  @Test
  void lossIsTheClippedSurrogatePlusHalfTheValueError() {
    // one row, mask [1, 1, 0] (garbage on the padding); ε = 0.2
    //   ρ = [1.5, 0.9], Â = [2, −1]: t0 min(3, 1.2·2) = 2.4 → −2.4;  t1 min(−0.9, −0.9) → +0.9;  policy (−2.4 + 0.9)/2 = −0.75
    //   V = [1, 2], R̂ = [1.5, 1]: value ((−0.5)² + 1²)/2 = 0.625;  L = −0.75 + 0.5·0.625 = −0.4375
    NDArray old = Arrays2.rows(m, new float[][] {{-1, -1, 0}});
    float[] logp = {-1 + Arrays2.log(1.5), -1 + Arrays2.log(0.9), Float.NaN};
    NDArray adv = Arrays2.rows(m, new float[][] {{2, -1, Float.NaN}});
    NDArray values = Arrays2.rows(m, new float[][] {{1, 2, Float.POSITIVE_INFINITY}});
    NDArray oldValues = Arrays2.rows(m, new float[][] {{0.5f, 2.5f, 0}});
    NDArray returns = Arrays2.rows(m, new float[][] {{1.5f, 1, Float.NaN}});
    NDArray mask = Arrays2.rows(m, new float[][] {{1, 1, 0}});
    ai.djl.ndarray.types.Shape shape = new ai.djl.ndarray.types.Shape(1, 3);
    TokenPpo.Result r = TokenPpo.loss(m.create(logp, shape), old, adv, values, null, returns, mask, TokenPpo.Config.defaults());
    assertThat(r.policyLoss()).isCloseTo(-0.75, within(1e-6));
    assertThat(r.valueLoss()).isCloseTo(0.625, within(1e-6));
    assertThat(r.loss().getFloat()).isCloseTo(-0.4375f, within(1e-6f));
    assertThat(r.ratio().clipFraction()).isCloseTo(0.5, within(1e-9));
    assertThat(r.metrics()).containsKeys("losses/policy_loss", "losses/value_loss", "losses/clipfrac");

    // value clipping at 0.2 around V_old = [0.5, 2.5]: clipped V = [0.7, 2.3] → errors (0.7 − 1.5)² = 0.64, (2.3 − 1)² = 1.69,
    // each larger than the unclipped 0.25 and 1 → value loss (0.64 + 1.69)/2 = 1.165
    TokenPpo.Config clipped = new TokenPpo.Config(0.2, 0.5, 0.2, LossAggregation.TOKEN_MEAN);
    TokenPpo.Result rc = TokenPpo.loss(m.create(logp, shape), old, adv, values, oldValues, returns, mask, clipped);
    assertThat(rc.valueLoss()).isCloseTo(1.165, within(1e-6));

    // gradients: ∂L/∂log π_θ = [0 (t0 clipped), −Âρ/2 = 0.45, 0 (padding)];
    // ∂L/∂V = 0.5 · 2(V − R̂)/2 = [−0.25, 0.5, 0]
    float[] gp = Arrays2.gradient(m.create(logp, shape),
        x -> TokenPpo.loss(x, old, adv, values, null, returns, mask, TokenPpo.Config.defaults()).loss());
    assertThat(gp).containsExactly(new float[] {0, 0.45f, 0}, within(1e-6f));
    float[] gv = Arrays2.gradient(Arrays2.rows(m, new float[][] {{1, 2, Float.POSITIVE_INFINITY}}),
        v -> TokenPpo.loss(m.create(logp, shape), old, adv, v, null, returns, mask, TokenPpo.Config.defaults()).loss());
    assertThat(gv).containsExactly(new float[] {-0.25f, 0.5f, 0}, within(1e-6f));
  }

  @Test
  void valueClippingNeedsTheRolloutValues() {
    NDArray z = m.zeros(new ai.djl.ndarray.types.Shape(1, 2));
    TokenPpo.Config clipped = new TokenPpo.Config(0.2, 0.5, 0.2, LossAggregation.TOKEN_MEAN);
    assertThatThrownBy(() -> TokenPpo.loss(z, z, z, z, null, z, m.ones(z.getShape()), clipped))
        .hasMessageContaining("oldValues");
  }
}
