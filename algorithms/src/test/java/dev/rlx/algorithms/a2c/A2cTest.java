package dev.rlx.algorithms.a2c;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rlx.algorithms.CartPoleTrial;
import dev.rlx.algorithms.RecordingContext;
import dev.rlx.api.ParameterSpace;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class A2cTest {

  private static RecordingContext train(long seed, long steps) {
    A2cParams params = ParameterSpace.of(A2cParams.class).bind(A2cParams.class, Map.of());
    return CartPoleTrial.train(seed, steps, (env, context) -> new A2c(params, env, context));
  }

  @Test
  void theSameSeedGivesTheSameEpisodesAndLearningImprovesThem() {
    List<Double> first = train(3, 20_000).values("charts/episodic_return");
    assertThat(train(3, 20_000).values("charts/episodic_return")).isEqualTo(first);
    double early = first.subList(0, 20).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    double late = first.subList(first.size() - 10, first.size()).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    assertThat(late).isGreaterThan(early * 2); // 20,000 steps of the reference recipe: from ~20 to well over 40
  }

  @Test
  void logsTheDiagnosticsAndTheEvaluation() {
    RecordingContext context = train(1, 4_000);
    assertThat(context.values("losses/entropy")).isNotEmpty().allSatisfy(h -> assertThat(h).isBetween(0.0, Math.log(2) + 1e-6));
    assertThat(context.values("losses/grad_norm")).isNotEmpty();
    assertThat(context.values("eval/return")).hasSize(1);
    assertThat(context.values("eval/terminated")).containsExactly(1.0); // an untrained CartPole policy always drops the pole
  }
}
