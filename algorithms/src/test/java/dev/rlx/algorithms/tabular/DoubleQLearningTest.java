package dev.rlx.algorithms.tabular;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rlx.algorithms.RecordingContext;
import dev.rlx.algorithms.tabular.ExplorationParams.EpsilonSchedule;
import dev.rlx.api.TrialContext.Budget;
import dev.rlx.environments.tabular.MaximizationBias;
import dev.rlx.environments.tabular.MaximizationBiasParams;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Sutton &amp; Barto Fig. 6.5: maximization bias in Q-learning, and Double Q-learning without it. */
class DoubleQLearningTest {

  private static final TdControlParams PARAMS = new TdControlParams(0.1, 1.0, new ExplorationParams(0.1, EpsilonSchedule.CONSTANT, 0.0, 1, 0.0));

  /** Fraction of episodes 1..k that went left from A, averaged over seeds. */
  private static double leftFraction(TdControlFactory algorithm, int fromEpisode, int toEpisode) throws Exception {
    double sum = 0;
    int seeds = 300;
    for (long seed = 0; seed < seeds; seed++) {
      RecordingContext context = new RecordingContext(seed, new Budget(0, 300));
      algorithm.create(PARAMS, new MaximizationBias(new MaximizationBiasParams(10, -0.1, 1.0)), context).train();
      List<Double> left = context.values("charts/first_action_0");
      sum += left.subList(fromEpisode - 1, toEpisode).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }
    return sum / seeds;
  }

  @Test
  void qLearningGoesLeftFarMoreThanOptimalEarlyOn() throws Exception {
    // Optimal ε-greedy behaviour goes left ε/2 = 5% of the time; Q-learning peaks far above.
    assertThat(leftFraction(QLearning::new, 1, 50)).isGreaterThan(0.25);
  }

  @Test
  void doubleQLearningIsBarelyBiased() throws Exception {
    double doubleQ = leftFraction(DoubleQLearning::new, 1, 50);
    assertThat(doubleQ).isLessThan(leftFraction(QLearning::new, 1, 50) - 0.1);
    assertThat(leftFraction(DoubleQLearning::new, 200, 300)).isLessThan(0.1);
  }

  @Test
  void onlyTwoActionsExistInA() {
    MaximizationBias env = new MaximizationBias(new MaximizationBiasParams(10, -0.1, 1.0));
    assertThat(env.actionCount(MaximizationBias.A)).isEqualTo(2);
    assertThat(env.actionCount(MaximizationBias.B)).isEqualTo(10);
    env.reset(1);
    assertThat(env.step(1).terminated()).isTrue();
    env.reset();
    assertThat(env.step(0).state()).isEqualTo(MaximizationBias.B);
    assertThat(env.step(7).terminated()).isTrue();
  }
}
