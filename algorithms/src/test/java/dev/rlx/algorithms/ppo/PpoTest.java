package dev.rlx.algorithms.ppo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.rlx.algorithms.CartPoleTrial;
import dev.rlx.algorithms.deep.ClippedSurrogate;
import dev.rlx.algorithms.deep.DjlRuntime;
import dev.rlx.api.ParameterSpace;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PpoTest {

  @Test
  void clippedSurrogateOnHandComputedValues() {
    DjlRuntime.start(1);
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray ratio = m.create(new float[] {0.5f, 1.1f, 1.5f, 1.5f});
      NDArray adv = m.create(new float[] {1f, 1f, 2f, -2f});
      // per sample −min(rÂ, clip(r)Â): −0.5; −1.1; −min(3, 2.4) = −2.4; −min(−3, −2.4) = 3
      assertThat(ClippedSurrogate.perElement(ratio, adv, 0.2f, 0.2f).mean().getFloat()).isCloseTo((-0.5f - 1.1f - 2.4f + 3f) / 4, within(1e-6f));
    }
  }

  @Test
  void valueLossWithAndWithoutClipping() {
    DjlRuntime.start(1);
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray v = m.create(new float[] {1.0f, 0.0f});
      NDArray old = m.create(new float[] {0.0f, 0.0f});
      NDArray ret = m.create(new float[] {2.0f, 1.0f});
      // unclipped: ½ mean((1−2)², (0−1)²) = 0.5
      assertThat(Ppo.valueLoss(v, old, ret, Float.NaN).getFloat()).isCloseTo(0.5f, within(1e-6f));
      // clipped at 0.2: V_clip = (0.2, 0) → max((−1)², (−1.8)²) = 3.24, max(1, 1) = 1 → ½ · 2.12
      assertThat(Ppo.valueLoss(v, old, ret, 0.2f).getFloat()).isCloseTo(0.5f * (3.24f + 1f) / 2, within(1e-5f));
    }
  }

  private static List<Double> train(long seed) {
    ParameterSpace space = ParameterSpace.of(PpoParams.class);
    PpoParams params = space.bind(PpoParams.class, Map.of("num_envs", 2L, "num_steps", 64L));
    return CartPoleTrial.train(seed, 6_000, (env, context) -> new Ppo(params, env, context))
        .values("charts/episodic_return");
  }

  @Test
  void theSameSeedGivesTheSameEpisodesAndLearningImprovesThem() {
    List<Double> first = train(3);
    assertThat(train(3)).isEqualTo(first);
    assertThat(train(4)).isNotEqualTo(first);
    double early = first.subList(0, 10).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    double late = first.subList(first.size() - 5, first.size()).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    assertThat(late).isGreaterThan(early * 1.5); // 6,000 steps: from ~20 towards ~100
  }

  @Test
  void explainedVarianceIsOneForPerfectPredictionsAndZeroForTheMean() {
    float[] target = {1, 2, 3, 4};
    assertThat(dev.rlx.algorithms.deep.BatchStatistics.explainedVariance(target, target)).isEqualTo(1.0);
    assertThat(dev.rlx.algorithms.deep.BatchStatistics.explainedVariance(new float[] {2.5f, 2.5f, 2.5f, 2.5f}, target)).isCloseTo(0.0, within(1e-9));
  }
}
