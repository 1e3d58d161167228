package dev.rlx.algorithms.sac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.rlx.algorithms.CartPoleTrial;
import dev.rlx.algorithms.PendulumTrial;
import dev.rlx.algorithms.RecordingContext;
import dev.rlx.algorithms.deep.DjlRuntime;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SacTest {

  @Test
  void theSoftTargetValueSubtractsAlphaLogPiFromTheSmallerCritic() {
    DjlRuntime.start(1);
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray[] q = {m.create(new float[] {1f, -3f}, new Shape(2, 1)), m.create(new float[] {2f, -4f}, new Shape(2, 1))};
      NDArray v = Sac.softValue(q, m.create(new float[] {-0.5f, 1.5f}), 0.2);
      assertThat(v.toFloatArray()).containsExactly(new float[] {1f + 0.1f, -4f - 0.3f}, within(1e-6f));

      // Discrete: Σ_a π(a) (min_i Q_i(a) − α log π(a)) with π = (0.25, 0.75)
      float lp0 = (float) Math.log(0.25);
      float lp1 = (float) Math.log(0.75);
      NDArray[] qd = {m.create(new float[] {1f, 2f}, new Shape(1, 2)), m.create(new float[] {0f, 3f}, new Shape(1, 2))};
      NDArray vd = SacDiscrete.softValue(qd, m.create(new float[] {lp0, lp1}, new Shape(1, 2)), 0.5);
      double expected = 0.25 * (0 - 0.5 * lp0) + 0.75 * (2 - 0.5 * lp1);
      assertThat((double) vd.getFloat()).isCloseTo(expected, within(1e-5));
    }
  }

  @Test
  void alphaGrowsWhenTheEntropyIsBelowTargetAndShrinksWhenAbove() {
    DjlRuntime.start(1);
    try (NDManager m = NDManager.newBaseManager()) {
      SoftActorCriticSettings settings = new SoftActorCriticSettings(3e-4, 1e-3, true, 0.2, 0.01);
      Temperature t = new Temperature(settings, -1.0, m);
      assertThat(t.alpha()).isEqualTo(1.0);
      t.update(2.0); // entropy −2 below the target −1: the constraint is violated
      assertThat(t.alpha()).isGreaterThan(1.0);
      assertThat(t.lastLoss()).isCloseTo(-Math.log(t.alpha()) * 1.0, within(1e-2)); // −log α · (E log π + H̄), before the step
      Temperature u = new Temperature(settings, -1.0, m);
      u.update(0.0); // entropy 0 above the target
      assertThat(u.alpha()).isLessThan(1.0);
      Temperature fixed = new Temperature(new SoftActorCriticSettings(3e-4, 1e-3, false, 0.2, 0.01), -1.0, m);
      fixed.update(5.0);
      assertThat(fixed.alpha()).isEqualTo(0.2);
    }
  }

  private static RecordingContext sac(long seed, Map<String, Object> extra) {
    SacParams params = PendulumTrial.small(SacParams.class, extra);
    return PendulumTrial.train(seed, 600, (env, c) -> new Sac(params, env, c));
  }

  @Test
  void theSameSeedGivesTheSameReturnsAndAutomaticAlphaMoves() {
    RecordingContext first = PendulumTrial.twiceTheSame(() -> sac(6, Map.of()));
    // α starts at 1 and takes 500 steps of Adam 3e-4 on log α: it has moved, by at most e^{±0.15}
    assertThat(first.values("charts/alpha")).hasSize(5).allSatisfy(a -> assertThat(a).isBetween(0.86, 1.17))
        .doesNotContain(1.0);
    assertThat(sac(6, Map.of("autotune", false)).values("charts/alpha"))
        .allSatisfy(a -> assertThat(a).isCloseTo(0.2, within(1e-9))); // a mean of 100 equal values
    assertThat(sac(6, Map.of("tanh_correction", false)).values("charts/entropy")).isNotEqualTo(first.values("charts/entropy"));
  }

  @Test
  void discreteSacTrainsOnCartPoleDeterministically() {
    SacDiscreteParams params = PendulumTrial.small(SacDiscreteParams.class, Map.of());
    RecordingContext first = CartPoleTrial.train(2, 600, (env, c) -> new SacDiscrete(params, env, c));
    assertThat(first.values("charts/entropy")).hasSize(5)
        .allSatisfy(h -> assertThat(h).isBetween(0.0, Math.log(2) + 1e-6));
    assertThat(CartPoleTrial.train(2, 600, (env, c) -> new SacDiscrete(params, env, c)).values("charts/episodic_return"))
        .isEqualTo(first.values("charts/episodic_return"));
  }
}
