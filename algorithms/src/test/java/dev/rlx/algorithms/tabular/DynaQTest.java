package dev.rlx.algorithms.tabular;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rlx.algorithms.RecordingContext;
import dev.rlx.algorithms.tabular.ExplorationParams.EpsilonSchedule;
import dev.rlx.api.TabularEnvironment;
import dev.rlx.api.TrialContext.Budget;
import dev.rlx.environments.tabular.CliffWalking;
import dev.rlx.environments.tabular.DynaMaze;
import dev.rlx.environments.tabular.DynaMazeParams;
import dev.rlx.environments.tabular.NoParams;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class DynaQTest {

  private static RecordingContext dyna(DynaQParams p, TabularEnvironment env, long seed, Budget budget) {
    RecordingContext context = new RecordingContext(seed, budget);
    new DynaQ(p, env, context).train();
    return context;
  }

  private static DynaMaze maze() {
    return new DynaMaze(new DynaMazeParams(DynaMazeParams.Layout.DYNA, 0));
  }

  @Test
  void withoutPlanningItIsQLearningDrawForDraw() throws Exception {
    for (Supplier<TabularEnvironment> env : List.<Supplier<TabularEnvironment>>of(() -> new CliffWalking(new NoParams()), DynaQTest::maze)) {
      for (long seed = 0; seed < 3; seed++) {
        RecordingContext dyna = dyna(new DynaQParams(0.5, 0.95, 0.1, 0, 0.0), env.get(), seed, new Budget(0, 60));
        RecordingContext q = new RecordingContext(seed, new Budget(0, 60));
        new QLearning(new TdControlParams(0.5, 0.95, new ExplorationParams(0.1, EpsilonSchedule.CONSTANT, 0, 1, 0)), env.get(), q).train();
        assertThat(dyna.values("charts/episode_length")).isEqualTo(q.values("charts/episode_length"));
        assertThat(dyna.values("charts/episodic_return")).isEqualTo(q.values("charts/episodic_return"));
        assertThat(dyna.values("eval/greedy_return")).isEqualTo(q.values("eval/greedy_return"));
      }
    }
  }

  private static double meanLengthAfterFirstEpisode(int planningSteps) {
    double sum = 0;
    int seeds = 5;
    for (long seed = 0; seed < seeds; seed++) {
      List<Double> lengths = dyna(new DynaQParams(0.1, 0.95, 0.1, planningSteps, 0.0), maze(), seed, new Budget(0, 50))
          .values("charts/episode_length");
      sum += lengths.subList(1, lengths.size()).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }
    return sum / seeds;
  }

  @Test
  void morePlanningLearnsTheMazeFaster() {
    // Fig. 8.2: steps per episode fall fastest with n = 50, slowest with n = 0 (plain Q-learning).
    double n0 = meanLengthAfterFirstEpisode(0);
    double n5 = meanLengthAfterFirstEpisode(5);
    double n50 = meanLengthAfterFirstEpisode(50);
    assertThat(n5).isLessThan(n0);
    assertThat(n50).isLessThan(n5);
    assertThat(n50).isLessThan(30); // close to the 14-step optimum, ε-greedy detours included
  }

  @Test
  void dynaQPlusFindsTheShortcutThatDynaQMisses() {
    double plain = 0;
    double plus = 0;
    for (long seed = 0; seed < 3; seed++) {
      plain += finalCumulativeReward(new DynaQParams(1.0, 0.95, 0.1, 50, 0.0), seed);
      plus += finalCumulativeReward(new DynaQParams(1.0, 0.95, 0.1, 50, 1e-3), seed);
    }
    assertThat(plus).isGreaterThan(plain);
  }

  private static double finalCumulativeReward(DynaQParams p, long seed) {
    DynaMaze shortcut = new DynaMaze(new DynaMazeParams(DynaMazeParams.Layout.SHORTCUT, 3000));
    List<Double> cumulative = dyna(p, shortcut, seed, new Budget(6000, 0)).values("charts/cumulative_reward");
    return cumulative.get(cumulative.size() - 1);
  }
}
