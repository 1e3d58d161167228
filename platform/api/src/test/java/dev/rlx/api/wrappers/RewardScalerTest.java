package dev.rlx.api.wrappers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.rlx.api.BatchedEnvironment.Batch;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reward scaling against discounted returns worked out by hand. */
class RewardScalerTest {

  private static final double GAMMA = 0.9;

  /**
   * G ← 0.9·G + r per copy, with the scripted rewards r(t, 0) = 1 + t mod 3 and r(t, 1) = 2 + t mod 3.
   * Copy 0 terminates at t = 3 and copy 1 is truncated at t = 4: each G is reset after that step.
   */
  private static final double[][] DISCOUNTED_RETURNS = {
      // t:  1    2             3                     4                         5
      {2, 0.9 * 2 + 3, 0.9 * 4.8 + 1, /* reset */ 2, 0.9 * 2 + 3},
      {3, 0.9 * 3 + 4, 0.9 * 6.7 + 2, 0.9 * 8.03 + 3, /* reset */ 4},
  };

  @Test
  void dividesEachRewardByTheStdOfTheDiscountedReturnWhichRestartsWhereAnEpisodeEnded() {
    assertThat(DISCOUNTED_RETURNS[0][2]).isCloseTo(5.32, within(1e-12));
    assertThat(DISCOUNTED_RETURNS[1][3]).isCloseTo(10.227, within(1e-12));
    var env = new TransformedVectorEnvironment<>(new ScriptedEnvironment(), new RewardScaler(GAMMA));
    Batch batch = Batch.of(2, ScriptedEnvironment.OBSERVATION_SIZE);
    env.reset(0, batch);
    List<double[]> returnsSoFar = new ArrayList<>();
    for (int t = 1; t <= 5; t++) {
      env.step(new int[2], batch);
      returnsSoFar.add(new double[] {DISCOUNTED_RETURNS[0][t - 1]});
      returnsSoFar.add(new double[] {DISCOUNTED_RETURNS[1][t - 1]});
      double variance = ClosedForm.withPrior(returnsSoFar, 1)[1][0];
      for (int i = 0; i < 2; i++) {
        double expected = ScriptedEnvironment.reward(t, i) / Math.sqrt(variance + 1e-8);
        assertThat(batch.rewards()[i]).as("copy %d at step %d", i, t).isCloseTo((float) expected, within(1e-6f));
      }
      assertThat(env.transform().scale()).isCloseTo(Math.sqrt(variance + 1e-8), within(1e-12));
    }
  }

  @Test
  void aCopyForEvaluationScalesWithTheTrainingStatisticsFrozen() {
    var env = new TransformedContinuousActionVectorEnvironment<>(new ScriptedEnvironment(), new RewardScaler(GAMMA));
    Batch batch = Batch.of(2, ScriptedEnvironment.OBSERVATION_SIZE);
    env.reset(0, batch);
    for (int t = 0; t < 6; t++) {
      env.step(new float[2], batch);
    }
    var evaluation = env.copy();
    double count = env.transform().statistics().count();
    double scale = env.transform().scale();
    evaluation.reset(1, batch);
    evaluation.step(new float[2], batch);
    assertThat(evaluation.transform().isFrozen()).isTrue();
    assertThat(env.transform().statistics().count()).isEqualTo(count);
    assertThat(batch.rewards()[1]).isCloseTo((float) (ScriptedEnvironment.reward(1, 1) / scale), within(1e-6f));
  }
}
