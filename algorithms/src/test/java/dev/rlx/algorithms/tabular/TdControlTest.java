package dev.rlx.algorithms.tabular;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.rlx.algorithms.RecordingContext;
import dev.rlx.algorithms.tabular.ExplorationParams.EpsilonSchedule;
import dev.rlx.api.TrialContext.Budget;
import dev.rlx.environments.tabular.CliffWalking;
import dev.rlx.environments.tabular.NoParams;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SARSA, Expected SARSA and Q-learning on Sutton &amp; Barto's cliff (Example 6.6, Fig. 6.4). */
class TdControlTest {

  private static final TdControlParams CLIFF = new TdControlParams(0.5, 1.0, new ExplorationParams(0.1, EpsilonSchedule.CONSTANT, 0.0, 100, 0.0));

  private static RecordingContext run(TdControlFactory algorithm, long seed, long episodes) throws Exception {
    RecordingContext context = new RecordingContext(seed, new Budget(0, episodes));
    algorithm.create(CLIFF, new CliffWalking(new NoParams()), context).train();
    return context;
  }

  private static double meanOnlineReturn(TdControlFactory algorithm, int seeds) throws Exception {
    double sum = 0;
    for (int seed = 0; seed < seeds; seed++) {
      List<Double> returns = run(algorithm, seed, 500).values("charts/episodic_return");
      sum += returns.subList(100, 500).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }
    return sum / seeds;
  }

  @Test
  void qLearningLearnsTheOptimalPathAlongTheEdge() throws Exception {
    for (int seed = 0; seed < 3; seed++) {
      assertThat(run(QLearning::new, seed, 500).values("eval/greedy_return")).containsExactly(-13.0);
    }
  }

  @Test
  void sarsaLearnsASaferPathAwayFromTheEdge() throws Exception {
    for (int seed = 0; seed < 3; seed++) {
      // Optimal is −13 along the edge; SARSA's ε-aware path keeps one or two rows away.
      assertThat(run(Sarsa::new, seed, 500).values("eval/greedy_return").get(0)).isBetween(-17.0, -15.0);
    }
  }

  @Test
  void onlineSarsaEarnsMoreThanQLearningAtEpsilonPointOne() throws Exception {
    // Fig. 6.4: SARSA ≈ −25 per episode, Q-learning ≈ −50 (it keeps falling off the cliff).
    double sarsa = meanOnlineReturn(Sarsa::new, 5);
    double qLearning = meanOnlineReturn(QLearning::new, 5);
    double expectedSarsa = meanOnlineReturn(ExpectedSarsa::new, 5);
    assertThat(sarsa).isBetween(-35.0, -15.0);
    assertThat(qLearning).isBetween(-70.0, -35.0);
    assertThat(sarsa - qLearning).isGreaterThan(10.0);
    assertThat(expectedSarsa).isGreaterThan(qLearning + 10.0);
  }

  @Test
  void theSameSeedGivesTheSameReturns() throws Exception {
    assertThat(run(Sarsa::new, 7, 50).values("charts/episodic_return"))
        .isEqualTo(run(Sarsa::new, 7, 50).values("charts/episodic_return"));
  }

  @Test
  void expectedValueOfEpsilonGreedyWeightsTheGreedyActionMost() {
    // ε = 0.1 over 4 actions: the greedy one has probability 0.925, the others 0.025 each.
    assertThat(EpsilonGreedy.expectedValue(new double[] {1, 2, 3, 10}, 4, 0.1))
        .isCloseTo(0.925 * 10 + 0.025 * (1 + 2 + 3), within(1e-12));
  }

  @Test
  void schedulesDecayEpsilon() {
    ExplorationParams linear = new ExplorationParams(1.0, EpsilonSchedule.LINEAR, 0.1, 10, 0.0);
    assertThat(EpsilonGreedy.epsilon(linear, 1)).isEqualTo(1.0);
    assertThat(EpsilonGreedy.epsilon(linear, 6)).isCloseTo(0.55, within(1e-12));
    assertThat(EpsilonGreedy.epsilon(linear, 100)).isCloseTo(0.1, within(1e-12));
    ExplorationParams glie = new ExplorationParams(0.5, EpsilonSchedule.GLIE, 0.0, 10, 0.0);
    assertThat(EpsilonGreedy.epsilon(glie, 5)).isCloseTo(0.1, within(1e-12));
  }

  @Test
  void greedyBreaksTiesUniformly() {
    EpsilonGreedy policy = new EpsilonGreedy(new java.util.SplittableRandom(1), new CliffWalking(new NoParams()));
    int[] counts = new int[4];
    for (int i = 0; i < 40_000; i++) {
      counts[policy.greedy(new double[] {0, 5, 5, 5}, 4)]++;
    }
    assertThat(counts[0]).isZero();
    for (int a = 1; a < 4; a++) {
      assertThat(counts[a]).isBetween(12_000, 14_700);
    }
  }

}
