package dev.rlx.algorithms.tabular;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.rlx.algorithms.RecordingContext;
import dev.rlx.api.KnownOptimalActions;
import dev.rlx.api.TabularEnvironment;
import dev.rlx.api.TrialContext.Budget;
import dev.rlx.environments.tabular.CliffWalking;
import dev.rlx.environments.tabular.KArmedBandit;
import dev.rlx.environments.tabular.KArmedBanditParams;
import dev.rlx.environments.tabular.NoParams;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ε-greedy action values on the 10-armed testbed (Sutton &amp; Barto §2.3–2.7). */
class BanditTest {

  private static final KArmedBanditParams TESTBED = new KArmedBanditParams(10, 0.0, 1.0, 1.0, 0.0);

  private static BanditParams params(double epsilon, BanditParams.StepSize stepSize, double alpha, double initialValue, double ucbC) {
    return new BanditParams(epsilon, stepSize, alpha, initialValue, ucbC, 10);
  }

  private static BanditParams sampleAverage(double epsilon) {
    return params(epsilon, BanditParams.StepSize.SAMPLE_AVERAGE, 0.1, 0.0, 0.0);
  }

  /** The testbed, remembering every reward each arm paid. */
  private static final class Recording implements TabularEnvironment, KnownOptimalActions {
    final KArmedBandit bandit = new KArmedBandit(TESTBED);
    final List<List<Double>> rewards = new ArrayList<>();

    Recording() {
      for (int a = 0; a < 10; a++) {
        rewards.add(new ArrayList<>());
      }
    }

    @Override public int stateCount() { return 1; }
    @Override public int actionCount() { return 10; }
    @Override public int reset(long seed) { return bandit.reset(seed); }
    @Override public int reset() { return bandit.reset(); }
    @Override public boolean isOptimal(int state, int action) { return bandit.isOptimal(state, action); }

    @Override
    public Step step(int action) {
      Step step = bandit.step(action);
      rewards.get(action).add(step.reward());
      return step;
    }
  }

  @Test
  void sampleAverageEstimatesAreTheRunningMeans() {
    Recording env = new Recording();
    BanditEpsilonGreedy agent = new BanditEpsilonGreedy(sampleAverage(0.3), env, new RecordingContext(3, new Budget(500, 0)));
    agent.train();
    for (int a = 0; a < 10; a++) {
      List<Double> paid = env.rewards.get(a);
      assertThat(paid).isNotEmpty();
      double mean = paid.stream().mapToDouble(Double::doubleValue).sum() / paid.size();
      assertThat(agent.estimates()[a]).as("arm %d", a).isCloseTo(mean, within(1e-12));
    }
  }

  @Test
  void aConstantStepSizeWeightsRecentRewardsExponentially() {
    // Eq. 2.6: Q_{n+1} = (1 − α)^n Q_1 + Σ_i α (1 − α)^{n−i} R_i.
    Recording env = new Recording();
    double alpha = 0.2;
    double q1 = 5.0;
    BanditEpsilonGreedy agent = new BanditEpsilonGreedy(params(0.5, BanditParams.StepSize.CONSTANT, alpha, q1, 0.0), env,
        new RecordingContext(4, new Budget(300, 0)));
    agent.train();
    for (int a = 0; a < 10; a++) {
      List<Double> paid = env.rewards.get(a);
      int count = paid.size();
      double expected = Math.pow(1 - alpha, count) * q1;
      for (int i = 1; i <= count; i++) {
        expected += alpha * Math.pow(1 - alpha, count - i) * paid.get(i - 1);
      }
      assertThat(agent.estimates()[a]).isCloseTo(expected, within(1e-9));
    }
  }

  @Test
  void logsWindowMeansOfRewardAndOptimalAction() {
    RecordingContext context = new RecordingContext(0, new Budget(1_005, 0));
    new BanditEpsilonGreedy(sampleAverage(0.1), new KArmedBandit(TESTBED), context).train();
    assertThat(context.values("charts/reward")).hasSize(101); // 100 windows of 10, then the last 5
    assertThat(context.values("charts/optimal_action")).hasSize(101).allSatisfy(v -> assertThat(v).isBetween(0.0, 1.0));
  }

  private static double[] finalMeans(BanditParams p, int runs) {
    double reward = 0;
    double optimal = 0;
    for (long seed = 0; seed < runs; seed++) {
      RecordingContext context = new RecordingContext(seed, new Budget(1_000, 0));
      new BanditEpsilonGreedy(p, new KArmedBandit(TESTBED), context).train();
      List<Double> rewards = context.values("charts/reward");
      List<Double> optimals = context.values("charts/optimal_action");
      for (int i = 90; i < 100; i++) { // the last 100 steps
        reward += rewards.get(i) / (10.0 * runs);
        optimal += optimals.get(i) / (10.0 * runs);
      }
    }
    return new double[] {reward, optimal};
  }

  @Test
  void explorationBeatsGreedyOnTheTestbed() {
    // Fig. 2.2: after 1,000 steps greedy is stuck near 1 reward and 1/3 optimal; ε = 0.1 is well above.
    double[] greedy = finalMeans(sampleAverage(0.0), 300);
    double[] explore = finalMeans(sampleAverage(0.1), 300);
    assertThat(greedy[0]).isBetween(0.85, 1.2);
    assertThat(greedy[1]).isBetween(0.25, 0.45);
    assertThat(explore[0]).isGreaterThan(greedy[0] + 0.2);
    assertThat(explore[1]).isGreaterThan(greedy[1] + 0.3);
  }

  @Test
  void optimisticInitialValuesAndUcbFindTheBestArmMoreOften() {
    // Fig. 2.3: greedy with Q₁ = 5, α = 0.1 beats realistic ε = 0.1 at % optimal late on.
    // Fig. 2.4: UCB with c = 2 beats ε = 0.1 at average reward.
    double[] realistic = finalMeans(params(0.1, BanditParams.StepSize.CONSTANT, 0.1, 0.0, 0.0), 300);
    double[] optimistic = finalMeans(params(0.0, BanditParams.StepSize.CONSTANT, 0.1, 5.0, 0.0), 300);
    assertThat(optimistic[1]).isGreaterThan(realistic[1] + 0.05);
    double[] epsilon = finalMeans(sampleAverage(0.1), 300);
    double[] ucb = finalMeans(params(0.0, BanditParams.StepSize.SAMPLE_AVERAGE, 0.1, 0.0, 2.0), 300);
    assertThat(ucb[0]).isGreaterThan(epsilon[0]);
  }

  @Test
  void theSameSeedGivesTheSameRewards() {
    BanditParams ucb = params(0.05, BanditParams.StepSize.SAMPLE_AVERAGE, 0.1, 0.0, 1.0);
    KArmedBanditParams walking = new KArmedBanditParams(10, 0.0, 1.0, 1.0, 0.01);
    RecordingContext first = new RecordingContext(11, new Budget(500, 0));
    new BanditEpsilonGreedy(ucb, new KArmedBandit(walking), first).train();
    RecordingContext second = new RecordingContext(11, new Budget(500, 0));
    new BanditEpsilonGreedy(ucb, new KArmedBandit(walking), second).train();
    assertThat(first.values("charts/reward")).isEqualTo(second.values("charts/reward"));
    assertThat(first.values("charts/optimal_action")).isEqualTo(second.values("charts/optimal_action"));
  }

  @Test
  void refusesAnEnvironmentWithMoreThanOneState() {
    assertThatThrownBy(() -> new BanditEpsilonGreedy(sampleAverage(0.1), new CliffWalking(new NoParams()), new RecordingContext(0, new Budget(10, 0))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one-state");
  }
}
