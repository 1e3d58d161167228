package dev.rlx.core.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rlx.core.model.Check;
import dev.rlx.core.plan.ExperimentPlan;
import dev.rlx.core.report.claims.ClaimJudge;
import dev.rlx.core.report.claims.GroupMean;
import dev.rlx.core.report.claims.Verdict;
import dev.rlx.core.report.format.ShortNumber;
import dev.rlx.core.report.format.ValueLabel;
import dev.rlx.core.report.match.BradleyTerry;
import dev.rlx.core.report.match.MatchResults;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.rlx.core.store.MetricRow;
import dev.rlx.sweeps.TrialSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Evaluates a spec's {@code expect} claims on the results of its trials: each trial's curve
 * of the metric is summarised (final, auc, best or mean), trials are grouped by the value of
 * {@code by} (averaging over seeds and over every other swept value, or taking the best over
 * {@code best_over}), and the claim is checked on the group means.
 */
public final class ExpectChecker {

  private final TrialMetrics metrics;
  private final ClaimJudge judge = new ClaimJudge();

  public ExpectChecker(TrialMetrics metrics) {
    this.metrics = metrics;
  }

  /** One group: its label, its value of {@code by}, and the statistics of its per-seed summaries. */
  public record Group(String label, JsonNode value, GroupStatistics statistics) {}

  public List<CheckResult> check(ExperimentPlan plan) {
    List<CheckResult> results = new ArrayList<>();
    List<Check> expect = plan.spec().expect();
    for (int i = 0; i < expect.size(); i++) {
      results.add(check(plan, i, expect.get(i)));
    }
    return results;
  }

  /** The group statistics a claim is judged on (also what reports tabulate). */
  public GroupedResult groups(ExperimentPlan plan, Check check) {
    if (check.metric().equals(MatchResults.RATING) && MatchResults.isMatch(plan)) {
      return ratingGroups(plan, check);
    }
    String metric = check.metric();
    Summary summary = Summary.parse(check.summary());
    String by = check.byPath().orElse(null);
    String overPath = check.bestOver().map(Check.BestOver::pathText).orElse(null);
    boolean pickMin = check.bestOver().map(Check.BestOver::pickMin).orElse(true);
    // group → (value of best_over, or "" when averaging over everything else) → per-seed values
    Map<String, JsonNode> groupValues = new LinkedHashMap<>();
    Map<String, Map<String, List<Double>>> cells = new LinkedHashMap<>();
    int used = 0;
    int missing = 0;
    List<Check.Filter> where = check.where();
    for (TrialSpec trial : plan.trials()) {
      if (!matches(trial, where)) {
        continue;
      }
      Optional<List<MetricRow>> rows = metrics.rows(trial.id(), metric);
      OptionalDouble value = rows.map(summary::of).orElse(OptionalDouble.empty());
      if (value.isEmpty()) {
        missing++;
        continue;
      }
      used++;
      JsonNode groupValue = by == null ? com.fasterxml.jackson.databind.node.TextNode.valueOf("all") : TrialValues.at(trial, by);
      String label = ValueLabel.of(groupValue);
      groupValues.putIfAbsent(label, groupValue);
      String cell = overPath == null ? "" : ValueLabel.of(TrialValues.at(trial, overPath));
      cells.computeIfAbsent(label, k -> new LinkedHashMap<>()).computeIfAbsent(cell, k -> new ArrayList<>()).add(value.getAsDouble());
    }
    List<Group> groups = new ArrayList<>();
    for (Map.Entry<String, Map<String, List<Double>>> g : cells.entrySet()) {
      GroupStatistics chosen = null;
      String chosenCell = null;
      for (Map.Entry<String, List<Double>> cell : g.getValue().entrySet()) {
        GroupStatistics stats = GroupStatistics.of(cell.getValue());
        if (chosen == null || (pickMin ? stats.mean() < chosen.mean() : stats.mean() > chosen.mean())
            || Double.isNaN(chosen.mean())) {
          chosen = stats;
          chosenCell = cell.getKey();
        }
      }
      String label = overPath == null ? g.getKey() : g.getKey() + " (best at " + last(overPath) + "=" + chosenCell + ")";
      groups.add(new Group(label, groupValues.get(g.getKey()), chosen));
    }
    if (groups.stream().allMatch(g -> g.value().isNumber())) {
      groups.sort(Comparator.comparingDouble(g -> g.value().asDouble()));
    }
    return new GroupedResult(metric, summary, by, groups, used, missing);
  }

  /** The finished games of a match plan, read from {@code metrics}. */
  static MatchResults matchResults(ExperimentPlan plan, TrialMetrics metrics) {
    return MatchResults.of(plan, id -> metrics.rows(id, MatchResults.SCORE).filter(rows -> !rows.isEmpty())
        .map(rows -> OptionalDouble.of(rows.get(rows.size() - 1).value())).orElse(OptionalDouble.empty()));
  }

  /**
   * A match's players' Bradley–Terry ratings, grouped by their value of {@code by} (a fixed
   * opponent's value is its name; without {@code by}, one group per player). A group of one
   * player carries the rating's 95% interval; a larger group, its players' spread.
   */
  private GroupedResult ratingGroups(ExperimentPlan plan, Check check) {
    MatchResults results = matchResults(plan, metrics);
    List<BradleyTerry.Rating> ratings = results.ratings();
    String by = check.byPath().orElse(null);
    Map<String, JsonNode> values = new LinkedHashMap<>();
    Map<String, List<Integer>> members = new LinkedHashMap<>();
    for (int p = 0; p < results.players().size(); p++) {
      String player = results.players().get(p);
      Optional<TrialSpec> trial = results.asAgent(player);
      if (results.gamesOf(p) == 0 || (!check.where().isEmpty() && (trial.isEmpty() || !matches(trial.get(), check.where())))) {
        continue;
      }
      JsonNode value = by == null || trial.isEmpty() ? TextNode.valueOf(player) : TrialValues.at(trial.get(), by);
      String label = ValueLabel.of(value);
      values.putIfAbsent(label, value);
      members.computeIfAbsent(label, k -> new ArrayList<>()).add(p);
    }
    List<Group> groups = new ArrayList<>();
    members.forEach((label, players) -> {
      GroupStatistics statistics;
      if (players.size() == 1) {
        BradleyTerry.Rating r = ratings.get(players.get(0));
        statistics = new GroupStatistics(results.gamesOf(players.get(0)), r.rating(), r.ci95() / 1.96, r.ci95());
      } else {
        statistics = GroupStatistics.of(players.stream().map(p -> ratings.get(p).rating()).toList());
      }
      groups.add(new Group(label, values.get(label), statistics));
    });
    if (groups.stream().allMatch(g -> g.value().isNumber())) {
      groups.sort(Comparator.comparingDouble(g -> g.value().asDouble()));
    }
    return new GroupedResult(MatchResults.RATING, Summary.parse(check.summary()), by, groups, results.played(), results.missing());
  }

  /** Whether {@code trial}'s value at each path of a check's {@code where} is the one given. */
  private static boolean matches(TrialSpec trial, List<Check.Filter> where) {
    for (Check.Filter filter : where) {
      JsonNode value = TrialValues.at(trial, filter.path());
      JsonNode wanted = filter.value().value();
      boolean same = value.isNumber() && wanted.isNumber()
          ? value.asDouble() == wanted.asDouble()
          : ValueLabel.of(value).equals(ValueLabel.of(wanted));
      if (!same) {
        return false;
      }
    }
    return true;
  }

  private static String whereLabel(List<Check.Filter> where) {
    List<String> parts = new ArrayList<>();
    where.forEach(f -> parts.add(last(f.path()) + " = " + ValueLabel.of(f.value().value())));
    return parts.isEmpty() ? "" : " where " + String.join(", ", parts);
  }

  /** Groups with how many trials they rest on. */
  public record GroupedResult(String metric, Summary summary, String by, List<Group> groups, int trialsUsed, int trialsMissing) {}

  private CheckResult check(ExperimentPlan plan, int index, Check check) {
    GroupedResult result = groups(plan, check);
    String subject = result.metric() + (result.metric().equals(MatchResults.RATING) ? " (Bradley–Terry, Elo scale)"
        : " (" + result.summary().label() + ")") + whereLabel(check.where());
    List<String> evidence = new ArrayList<>();
    for (Group g : result.groups()) {
      GroupStatistics s = g.statistics();
      evidence.add(String.format("%s = %s: %s ± %s (n=%d)", result.by() == null ? "all" : last(result.by()), g.label(),
          ShortNumber.of(s.mean()), Double.isNaN(s.ci95()) ? "?" : ShortNumber.of(s.ci95()), s.n()));
    }
    if (result.trialsMissing() > 0) {
      evidence.add(result.trialsMissing() + " of " + (result.trialsUsed() + result.trialsMissing())
          + " trials have no " + result.metric() + " yet (not completed, or never logged it)");
    }
    List<Group> groups = result.groups();
    if (groups.isEmpty()) {
      return new CheckResult(index, false, subject, "no completed trial logged " + result.metric(), evidence);
    }
    List<GroupMean> means = groups.stream().map(g -> new GroupMean(g.label(), g.value(), g.statistics().mean())).toList();
    Verdict verdict = judge.judge(check.claim().orElseThrow(), subject, last(result.by()), means);
    return new CheckResult(index, verdict.passed(), verdict.stated(), verdict.found(), evidence);
  }

  private static String last(String path) {
    return path == null ? "all" : path.substring(path.lastIndexOf('.') + 1);
  }
}
