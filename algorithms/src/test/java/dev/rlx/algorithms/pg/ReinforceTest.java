package dev.rlx.algorithms.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.rlx.algorithms.CartPoleTrial;
import dev.rlx.algorithms.RecordingContext;
import dev.rlx.api.ParameterSpace;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReinforceTest {

  private static RecordingContext train(String baseline, long seed) {
    ReinforceParams params = ParameterSpace.of(ReinforceParams.class)
        .bind(ReinforceParams.class, Map.of("baseline", baseline, "variance_window", 10L));
    return CartPoleTrial.train(seed, 3_000, (env, context) -> new Reinforce(params, env, context));
  }

  @Test
  void theSameSeedGivesTheSameEpisodesAndEveryBaselineRuns() {
    List<Double> first = train("none", 2).values("charts/episodic_return");
    assertThat(train("none", 2).values("charts/episodic_return")).isEqualTo(first);
    for (String baseline : List.of("running_mean", "learned_value")) {
      RecordingContext c = train(baseline, 2);
      assertThat(c.values("losses/grad_norm")).isNotEmpty().allSatisfy(n -> assertThat(n).isPositive().isFinite());
      assertThat(c.values("losses/grad_norm_var")).isNotEmpty();
    }
  }

  @Test
  void varianceIsTheUnbiasedSampleVariance() {
    assertThat(Reinforce.variance(List.of(1.0, 2.0, 3.0, 4.0))).isCloseTo(5.0 / 3.0, within(1e-12));
  }
}
