package dev.rlx.core.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.rlx.core.plan.ExperimentPlan;
import dev.rlx.core.plan.ExperimentPlanner;
import dev.rlx.core.plan.PlanResult;
import dev.rlx.core.plan.TestPlanners;
import dev.rlx.core.store.MetricRow;
import dev.rlx.sweeps.TrialSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Claims checked on synthetic results whose group means are known. */
class ExpectCheckerTest {

  private static final ExperimentPlanner PLANNER = TestPlanners.shipped();

  /** A sweep over λ × α of TD(λ) on the random walk, for claims to group by. */
  private static final String SWEEP = TestPlanners.tdLambdaOnTheWalk("claims", 10) + """
        sweep:
          grid:
            algorithm.params.lambda: [0.0, 0.5, 1.0]
            algorithm.params.alpha: [0.1, 0.2]
        """;

  private static ExperimentPlan plan(String expect) {
    PlanResult result = PLANNER.plan(SWEEP + """
          seeds: 4
        expect:
        """ + expect, "claims.yaml", 10_000);
    assertThat(result.problems()).extracting(p -> p.render()).isEmpty();
    return result.plan().orElseThrow();
  }

  /** Each trial logs "m" at steps 1..3 with values given by {@code value} (constant curve). */
  private static List<CheckResult> check(ExperimentPlan plan, ToDoubleFunction<TrialSpec> value) {
    Map<String, List<MetricRow>> rows = new HashMap<>();
    for (TrialSpec t : plan.trials()) {
      double v = value.applyAsDouble(t);
      rows.put(t.id(), List.of(new MetricRow("m", 1, v, 0), new MetricRow("m", 2, v, 0), new MetricRow("m", 3, v, 0)));
    }
    return new ExpectChecker((id, key) -> key.equals("m") ? Optional.ofNullable(rows.get(id)) : Optional.of(List.of())).check(plan);
  }

  private static double lambda(TrialSpec t) {
    return t.config().at("/algorithm/params/lambda").asDouble();
  }

  private static double alpha(TrialSpec t) {
    return t.config().at("/algorithm/params/alpha").asDouble();
  }

  @Nested
  class Argmax {
    private final ExperimentPlan plan = plan("  - {metric: m, by: algorithm.params.lambda, argmax_in: [0.5]}\n");

    @Test
    void holdsWhenTheBestGroupIsListed() {
      CheckResult r = check(plan, t -> -Math.abs(lambda(t) - 0.5)).get(0);
      assertThat(r.passed()).isTrue();
      assertThat(r.render()).startsWith("✓ expect[0] m (final) is highest at lambda in [0.5]: highest at 0.5");
    }

    @Test
    void failsOtherwiseShowingTheNumbers() {
      CheckResult r = check(plan, t -> lambda(t)).get(0);
      assertThat(r.passed()).isFalse();
      assertThat(r.render()).startsWith("✗").contains("highest at 1.0 (1)", "lambda = 0.5: 0.5 ± 0 (n=8)");
    }
  }

  @Test
  void averagesOverSeedsAndOtherSweptValues() {
    ExperimentPlan plan = plan("  - {metric: m, by: algorithm.params.lambda, within: [0, 100]}\n");
    ExpectChecker checker = new ExpectChecker((id, key) -> Optional.of(List.of(new MetricRow("m", 1,
        plan.trials().stream().filter(t -> t.id().equals(id)).findFirst().map(t -> lambda(t) * 10 + alpha(t) * 100 + t.seed()).orElseThrow(), 0))));
    ExpectChecker.GroupedResult grouped = checker.groups(plan, plan.spec().expect().get(0));
    assertThat(grouped.groups()).hasSize(3);
    ExpectChecker.Group half = grouped.groups().get(1);
    // λ = 0.5: mean over α ∈ {0.1, 0.2} (10, 20) and seeds 0..3 (mean 1.5) = 5 + 15 + 1.5.
    assertThat(half.statistics().mean()).isCloseTo(21.5, within(1e-9));
    assertThat(half.statistics().n()).isEqualTo(8);
  }

  @Test
  void bestOverTakesTheBestValueOfAnotherSweptPathPerGroup() {
    ExperimentPlan plan = plan("""
          - metric: m
            by: algorithm.params.lambda
            best_over: {path: algorithm.params.alpha, pick: min}
            argmin_in: [0.5]
        """);
    // With α = 0.1 every λ is bad (10); at α = 0.2, λ = 0.5 is best (1 vs 3).
    CheckResult r = check(plan, t -> alpha(t) < 0.15 ? 10 : (lambda(t) == 0.5 ? 1 : 3)).get(0);
    assertThat(r.passed()).isTrue();
    assertThat(r.evidence()).anySatisfy(line -> assertThat(line).contains("0.5 (best at alpha=0.2): 1 ± 0 (n=4)"));
  }

  @Test
  void whereJudgesTheClaimOnTheMatchingTrialsOnly() {
    ExperimentPlan plan = plan("""
          - {metric: m, by: algorithm.params.lambda, where: {algorithm.params.alpha: 0.2}, argmax_in: [0.5]}
          - {metric: m, by: algorithm.params.lambda, argmax_in: [0.5]}
        """);
    // At α = 0.2, λ = 0.5 is best (5 vs 1); at α = 0.1, λ = 1.0 is best by far (20), which wins the α-average.
    List<CheckResult> results = check(plan, t -> alpha(t) > 0.15 ? (lambda(t) == 0.5 ? 5 : 1) : (lambda(t) == 1.0 ? 20 : 0));
    assertThat(results.get(0).passed()).isTrue();
    assertThat(results.get(0).render()).contains("m (final) where alpha = 0.2 is highest at lambda in [0.5]");
    assertThat(results.get(0).evidence()).anySatisfy(line -> assertThat(line).contains("lambda = 0.5: 5 ± 0 (n=4)"));
    assertThat(results.get(1).passed()).isFalse();
  }

  @Test
  void whereMustNameASweptPathAndOneOfItsValues() {
    PlanResult result = PLANNER.plan(SWEEP + """
        expect:
          - {metric: m, by: algorithm.params.lambda, where: {algorithm.params.alpha: 0.3}, argmax_in: [0.5]}
          - {metric: m, by: algorithm.params.lambda, where: {algorithm.params.gamma: 1}, argmax_in: [0.5]}
        """, "claims.yaml", 10_000);
    assertThat(result.problems()).extracting(p -> p.render()).satisfiesExactly(
        p -> assertThat(p).contains("expect[0].where[\"algorithm.params.alpha\"]", "not a value that", "found 0.3"),
        p -> assertThat(p).contains("expect[1].where[\"algorithm.params.gamma\"]", "is not swept"));
  }

  @Test
  void monotoneReportsTheFirstBreak() {
    ExperimentPlan plan = plan("  - {metric: m, by: algorithm.params.lambda, monotone: increasing}\n");
    assertThat(check(plan, t -> lambda(t)).get(0).passed()).isTrue();
    CheckResult broken = check(plan, t -> lambda(t) == 1.0 ? 0.2 : lambda(t)).get(0);
    assertThat(broken.passed()).isFalse();
    assertThat(broken.verdict()).isEqualTo("it does not at 0.5 → 1.0: 0.5 → 0.2");
  }

  @Test
  void uShapeNeedsTheMinimumInside() {
    ExperimentPlan plan = plan("  - {metric: m, by: algorithm.params.lambda, u_shape: true}\n");
    assertThat(check(plan, t -> Math.abs(lambda(t) - 0.5)).get(0).passed()).isTrue();
    assertThat(check(plan, t -> lambda(t)).get(0).passed()).isFalse();
  }

  @Test
  void orderingNeedsTheMargin() {
    ExperimentPlan plan = plan("  - {metric: m, by: algorithm.params.lambda, ordering: {higher: 1.0, lower: 0.0, margin: 0.5}}\n");
    assertThat(check(plan, t -> lambda(t)).get(0).passed()).isTrue();
    CheckResult r = check(plan, t -> lambda(t) * 0.4).get(0);
    assertThat(r.passed()).isFalse();
    assertThat(r.verdict()).isEqualTo("the difference is 0.4");
  }

  @Test
  void withinCanJudgeOneGroup() {
    ExperimentPlan plan = plan("  - {metric: m, by: algorithm.params.lambda, within: [0.4, 0.6], at: 0.5}\n");
    assertThat(check(plan, t -> lambda(t)).get(0).passed()).isTrue();
    ExperimentPlan all = plan("  - {metric: m, by: algorithm.params.lambda, within: [0.4, 0.6]}\n");
    assertThat(check(all, t -> lambda(t)).get(0).verdict()).isEqualTo("outside: 0.0 (0), 1.0 (1)");
  }

  @Test
  void saysWhenResultsAreMissing() {
    ExperimentPlan plan = plan("  - {metric: m, by: algorithm.params.lambda, argmax_in: [0.5]}\n");
    CheckResult none = new ExpectChecker((id, key) -> Optional.empty()).check(plan).get(0);
    assertThat(none.passed()).isFalse();
    assertThat(none.verdict()).isEqualTo("no completed trial logged m");
    assertThat(none.evidence()).contains("24 of 24 trials have no m yet (not completed, or never logged it)");
  }

  @Test
  void summariesFollowTheirDefinitions() {
    List<MetricRow> rows = List.of(new MetricRow("m", 0, 0, 0), new MetricRow("m", 10, 10, 0), new MetricRow("m", 20, 4, 0));
    assertThat(Summary.FINAL.of(rows).getAsDouble()).isEqualTo(4);
    assertThat(Summary.BEST.of(rows).getAsDouble()).isEqualTo(10);
    assertThat(Summary.MEAN.of(rows).getAsDouble()).isCloseTo(14 / 3.0, within(1e-12));
    // Trapezoids: (0+10)/2·10 + (10+4)/2·10 = 120 over a span of 20.
    assertThat(Summary.AUC.of(rows).getAsDouble()).isCloseTo(6.0, within(1e-12));
    // Three points: a fifth is one point, so last − first = 4 − 0.
    assertThat(Summary.GAIN.of(rows).getAsDouble()).isEqualTo(4);
    // Ten points 0, 1, …, 9: the last two average 8.5, the first two 0.5.
    List<MetricRow> ten = java.util.stream.IntStream.range(0, 10).mapToObj(i -> new MetricRow("m", i, i, 0)).toList();
    assertThat(Summary.GAIN.of(ten).getAsDouble()).isEqualTo(8.0);
  }

  @Test
  void confidenceIntervalsUseStudentsT() {
    GroupStatistics s = GroupStatistics.of(List.of(1.0, 2.0, 3.0, 4.0));
    assertThat(s.mean()).isEqualTo(2.5);
    assertThat(s.std()).isCloseTo(Math.sqrt(5 / 3.0), within(1e-12));
    assertThat(s.ci95()).isCloseTo(3.182 * Math.sqrt(5 / 3.0) / 2, within(1e-9));
  }
}
