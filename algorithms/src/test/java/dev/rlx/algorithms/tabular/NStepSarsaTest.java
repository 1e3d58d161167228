package dev.rlx.algorithms.tabular;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.rlx.algorithms.RecordingContext;
import dev.rlx.algorithms.tabular.ExplorationParams.EpsilonSchedule;
import dev.rlx.api.TrialContext.Budget;
import dev.rlx.environments.tabular.CliffWalking;
import dev.rlx.environments.tabular.GridWorld;
import dev.rlx.environments.tabular.GridWorldParams;
import dev.rlx.environments.tabular.NoParams;
import org.junit.jupiter.api.Test;

class NStepSarsaTest {

  private static NStepSarsaParams params(double alpha, double gamma, double epsilon, int n) {
    return new NStepSarsaParams(alpha, gamma, new ExplorationParams(epsilon, EpsilonSchedule.CONSTANT, 0.0, 100, 0.0), n);
  }

  @Test
  void oneStepIsSarsaDrawForDraw() {
    for (long seed = 0; seed < 3; seed++) {
      RecordingContext sarsa = new RecordingContext(seed, new Budget(0, 100));
      new Sarsa(new TdControlParams(0.5, 1.0, new ExplorationParams(0.1, EpsilonSchedule.CONSTANT, 0.0, 100, 0.0)),
          new CliffWalking(new NoParams()), sarsa).train();
      RecordingContext nStep = new RecordingContext(seed, new Budget(0, 100));
      new NStepSarsa(params(0.5, 1.0, 0.1, 1), new CliffWalking(new NoParams()), nStep).train();
      for (String key : new String[] {"charts/episodic_return", "charts/episode_length", "eval/greedy_return"}) {
        assertThat(nStep.values(key)).as(key).hasSizeGreaterThan(0).isEqualTo(sarsa.values(key));
      }
    }
  }

  @Test
  void oneStepIsSarsaWhenTheStepBudgetCutsAnEpisode() {
    // A cut is not terminal: both bootstrap from Q(S_T, A_T), on a slippery grid for randomness.
    GridWorldParams grid = new GridWorldParams(5, 5, -1.0, 0.2);
    RecordingContext sarsa = new RecordingContext(3, new Budget(777, 0));
    new Sarsa(new TdControlParams(0.3, 0.9, new ExplorationParams(0.2, EpsilonSchedule.GLIE, 0.0, 100, 0.0)), new GridWorld(grid), sarsa).train();
    RecordingContext nStep = new RecordingContext(3, new Budget(777, 0));
    new NStepSarsa(new NStepSarsaParams(0.3, 0.9, new ExplorationParams(0.2, EpsilonSchedule.GLIE, 0.0, 100, 0.0), 1), new GridWorld(grid), nStep).train();
    assertThat(nStep.values("charts/episodic_return")).isEqualTo(sarsa.values("charts/episodic_return"));
    assertThat(nStep.values("eval/greedy_return")).isEqualTo(sarsa.values("eval/greedy_return"));
  }

  @Test
  void twoStepUpdatesMatchTheClosedForm() {
    // Chain 0 → 1 → 2 → 3 → terminal with rewards 1, 2, 3, 4; n = 2, α = 0.5, γ = 0.9, Q₀ = 0.
    double a = 0.5;
    double g = 0.9;
    RecordingContext context = new RecordingContext(0, new Budget(0, 2));
    NStepSarsa sarsa = new NStepSarsa(params(a, g, 0.1, 2), new Chain(1, 1, 2, 3, 4), context);
    sarsa.train();
    // Episode 1, in update order τ = 0..3; Q(S_{τ+2}) is still 0 when read.
    double q0 = a * (1 + g * 2);
    double q1 = a * (2 + g * 3);
    double q2 = a * (3 + g * 4); // τ + n = T: no bootstrap
    double q3 = a * 4;
    // Episode 2 bootstraps from episode 1's values: G_{τ:τ+2} = R + γR' + γ²Q(S_{τ+2}).
    q0 += a * (1 + g * 2 + g * g * q2 - q0);
    q1 += a * (2 + g * 3 + g * g * q3 - q1);
    q2 += a * (3 + g * 4 - q2);
    q3 += a * (4 - q3);
    double[][] q = sarsa.actionValues();
    assertThat(new double[] {q[0][0], q[1][0], q[2][0], q[3][0]}).containsExactly(new double[] {q0, q1, q2, q3}, within(1e-12));
    assertThat(q[4][0]).isZero(); // the terminal state is never updated
    assertThat(context.values("charts/episodic_return")).containsExactly(10.0, 10.0);
  }

  @Test
  void anNLongerThanTheEpisodeIsMonteCarlo() {
    double g = 0.9;
    NStepSarsa sarsa = new NStepSarsa(params(1.0, g, 0.0, 50), new Chain(1, 1, 2, 3, 4), new RecordingContext(0, new Budget(0, 1)));
    sarsa.train();
    double[][] q = sarsa.actionValues();
    assertThat(q[0][0]).isCloseTo(1 + g * 2 + g * g * 3 + g * g * g * 4, within(1e-12));
    assertThat(q[2][0]).isCloseTo(3 + g * 4, within(1e-12));
  }

  @Test
  void theSameSeedGivesTheSameReturns() {
    RecordingContext first = new RecordingContext(7, new Budget(0, 50));
    new NStepSarsa(params(0.5, 1.0, 0.1, 4), new CliffWalking(new NoParams()), first).train();
    RecordingContext second = new RecordingContext(7, new Budget(0, 50));
    new NStepSarsa(params(0.5, 1.0, 0.1, 4), new CliffWalking(new NoParams()), second).train();
    assertThat(first.values("charts/episodic_return")).isEqualTo(second.values("charts/episodic_return"));
  }
}
