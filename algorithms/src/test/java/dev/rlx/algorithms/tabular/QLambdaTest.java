package dev.rlx.algorithms.tabular;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.rlx.algorithms.RecordingContext;
import dev.rlx.algorithms.tabular.ExplorationParams.EpsilonSchedule;
import dev.rlx.api.Algorithm;
import dev.rlx.api.TabularEnvironment;
import dev.rlx.api.TrialContext;
import dev.rlx.api.TrialContext.Budget;
import dev.rlx.environments.tabular.CliffWalking;
import dev.rlx.environments.tabular.GridWorld;
import dev.rlx.environments.tabular.GridWorldParams;
import dev.rlx.environments.tabular.NoParams;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Watkins's and Peng's Q(λ) (references.md §6.4). */
class QLambdaTest {

  interface Factory {
    Algorithm create(QLambdaParams p, TabularEnvironment env, TrialContext context);
  }

  private static QLambdaParams params(double alpha, double gamma, double lambda, double epsilon) {
    return new QLambdaParams(alpha, gamma, lambda, TdLambdaParams.Trace.ACCUMULATING, new ExplorationParams(epsilon, EpsilonSchedule.CONSTANT, 0.0, 100, 0.0));
  }

  private static RecordingContext run(Factory algorithm, QLambdaParams p, TabularEnvironment env, long seed, Budget budget) {
    RecordingContext context = new RecordingContext(seed, budget);
    try {
      algorithm.create(p, env, context).train();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    return context;
  }

  private static GridWorld grid() {
    return new GridWorld(new GridWorldParams(4, 4, -1.0, 0.0));
  }

  @Test
  void withLambdaZeroBothAreQLearningDrawForDraw() {
    // The cliff has walls (s' = s), the slippery grid its own randomness, the step budget a cut.
    List<Supplier<TabularEnvironment>> envs = List.of(() -> new CliffWalking(new NoParams()),
        () -> new GridWorld(new GridWorldParams(5, 5, -1.0, 0.2)));
    for (Supplier<TabularEnvironment> env : envs) {
      for (long seed = 0; seed < 3; seed++) {
        Budget budget = new Budget(3_000, 0);
        RecordingContext q = new RecordingContext(seed, budget);
        new QLearning(new TdControlParams(0.5, 0.9, new ExplorationParams(0.1, EpsilonSchedule.CONSTANT, 0.0, 100, 0.0)), env.get(), q).train();
        for (Factory algorithm : List.<Factory>of(WatkinsQLambda::new, PengQLambda::new)) {
          RecordingContext traced = run(algorithm, params(0.5, 0.9, 0.0, 0.1), env.get(), seed, budget);
          for (String key : new String[] {"charts/episodic_return", "charts/episode_length", "eval/greedy_return"}) {
            assertThat(traced.values(key)).as(key).hasSizeGreaterThan(0).isEqualTo(q.values(key));
          }
        }
      }
    }
  }

  @Test
  void watkinsWithEpsilonZeroNeverCuts() {
    List<Double> cuts = run(WatkinsQLambda::new, params(0.5, 0.9, 0.9, 0.0), grid(), 1, new Budget(0, 200)).values("charts/trace_cuts");
    assertThat(cuts).hasSize(200).containsOnly(0.0);
  }

  @Test
  void watkinsCutsAtTheRateOfNonGreedyActions() {
    // At ε = 0.3 over 4 actions an action is non-greedy with probability ε(1 − 1/|A|) = 0.225
    // once Q has no ties; the first action of an episode is never a cut, so count per decision.
    double cuts = 0;
    double decisions = 0;
    for (long seed = 0; seed < 5; seed++) {
      RecordingContext context = run(WatkinsQLambda::new, params(0.1, 1.0, 0.9, 0.3), grid(), seed, new Budget(0, 400));
      List<Double> perEpisode = context.values("charts/trace_cuts");
      List<Double> lengths = context.values("charts/episode_length");
      for (int i = 100; i < 400; i++) {
        cuts += perEpisode.get(i);
        decisions += lengths.get(i) - 1;
      }
    }
    assertThat(cuts / decisions).isBetween(0.19, 0.235);
  }

  @Test
  void oneEpisodeOnAChainSpreadsEachRewardBackByGammaLambda() {
    // Chain 0 → 1 → 2 → 3 → terminal, rewards 1, 2, 3, 4, one action, Q₀ = 0: every bootstrap
    // reads an unvisited 0, so δ_t = r_{t+1} and Q(s_k) = α Σ_{t≥k} (γλ)^{t−k} r_{t+1}.
    double a = 0.5;
    double gl = 0.9 * 0.8;
    double[] expected = {
        a * (1 + gl * 2 + gl * gl * 3 + gl * gl * gl * 4),
        a * (2 + gl * 3 + gl * gl * 4),
        a * (3 + gl * 4),
        a * 4};
    WatkinsQLambda watkins = new WatkinsQLambda(params(a, 0.9, 0.8, 0.1), new Chain(1, 1, 2, 3, 4), new RecordingContext(0, new Budget(0, 1)));
    watkins.train();
    PengQLambda peng = new PengQLambda(params(a, 0.9, 0.8, 0.1), new Chain(1, 1, 2, 3, 4), new RecordingContext(0, new Budget(0, 1)));
    peng.train();
    for (double[][] q : List.of(watkins.actionValues(), peng.actionValues())) {
      assertThat(new double[] {q[0][0], q[1][0], q[2][0], q[3][0]}).containsExactly(expected, within(1e-12));
    }
  }

  /** State 0: action 0 stays (−1), action 1 ends the episode (+1). Records the actions. */
  private static final class Loop implements TabularEnvironment {
    final List<Integer> actions = new ArrayList<>();

    @Override public int stateCount() { return 2; }
    @Override public int actionCount() { return 2; }
    @Override public int reset(long seed) { return 0; }
    @Override public int reset() { return 0; }

    @Override
    public Step step(int action) {
      actions.add(action);
      return action == 0 ? new Step(0, -1.0, false, false) : new Step(1, 1.0, true, false);
    }
  }

  @Test
  void anExploratoryActionCutsWatkinsButNotPeng() {
    // ε = 1, α = 0.5, γ = 1, λ = 0.5; seed 13 takes 0, 0, 1 (asserted). By hand:
    // Watkins  t1: δ = −1 + 0 − 0 = −1, Q00 = −0.5; a = 0 is non-greedy on [−0.5, 0]: cut, e = 0.
    //          t2: δ = −1 + 0 + 0.5 = −0.5, e00 = 1, Q00 = −0.75; a = 1 greedy: e00 = 0.5.
    //          t3: δ = 1 − 0 = 1, e01 = 1: Q01 = 0.5, Q00 = −0.75 + 0.5·0.5 = −0.5.
    // Peng     t1: δ' = δ = −1: Q00 = −0.5, e00 = 1.
    //          t2: δ' = −1 + 0 + 0.5 = −0.5, δ = −1 + 0 − max(−0.5, 0) = −1; e00 = 0.5:
    //              Q00 = −0.5 − 0.25 − 0.25 = −1, e00 = 1.5.
    //          t3: δ' = 1, δ = 1 − max(−1, 0) = 1; e00 = 0.75: Q00 = −1 + 0.375, Q01 = 0.5.
    QLambdaParams p = params(0.5, 1.0, 0.5, 1.0);
    Loop loop = new Loop();
    RecordingContext context = new RecordingContext(13, new Budget(0, 1));
    WatkinsQLambda watkins = new WatkinsQLambda(p, loop, context);
    watkins.train();
    assertThat(loop.actions.subList(0, 3)).containsExactly(0, 0, 1);
    assertThat(watkins.actionValues()[0]).containsExactly(new double[] {-0.5, 0.5}, within(1e-12));
    assertThat(context.values("charts/trace_cuts")).containsExactly(1.0);
    assertThat(context.values("charts/episode_length")).containsExactly(3.0);

    Loop again = new Loop();
    PengQLambda peng = new PengQLambda(p, again, new RecordingContext(13, new Budget(0, 1)));
    peng.train();
    assertThat(again.actions.subList(0, 3)).containsExactly(0, 0, 1);
    assertThat(peng.actionValues()[0]).containsExactly(new double[] {-0.625, 0.5}, within(1e-12));
  }

  @Test
  void theSameSeedGivesTheSameReturns() {
    for (Factory algorithm : List.<Factory>of(WatkinsQLambda::new, PengQLambda::new)) {
      QLambdaParams p = new QLambdaParams(0.2, 0.9, 0.8, TdLambdaParams.Trace.REPLACING, new ExplorationParams(0.2, EpsilonSchedule.LINEAR, 0.01, 30, 0.0));
      GridWorldParams slippery = new GridWorldParams(5, 5, -1.0, 0.1);
      assertThat(run(algorithm, p, new GridWorld(slippery), 7, new Budget(0, 50)).values("charts/episodic_return"))
          .isEqualTo(run(algorithm, p, new GridWorld(slippery), 7, new Budget(0, 50)).values("charts/episodic_return"));
    }
  }

  @Test
  void bothLearnTheGridWorld() {
    // Optimal from every start on the 4×4 grid: −(distance to the nearer corner); greedy ≥ −3.
    for (Factory algorithm : List.<Factory>of(WatkinsQLambda::new, PengQLambda::new)) {
      for (long seed = 0; seed < 3; seed++) {
        double greedy = run(algorithm, params(0.2, 1.0, 0.8, 0.2), grid(), seed, new Budget(0, 300)).values("eval/greedy_return").get(0);
        assertThat(greedy).isBetween(-3.0, -1.0);
      }
    }
  }
}
