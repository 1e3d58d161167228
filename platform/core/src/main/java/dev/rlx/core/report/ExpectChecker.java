package dev.rlx.core.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rlx.core.plan.ExperimentPlan;
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

  public ExpectChecker(TrialMetrics metrics) {
    this.metrics = metrics;
  }

  /** One group: its label, its value of {@code by}, and the statistics of its per-seed summaries. */
  public record Group(String label, JsonNode value, GroupStatistics statistics) {}

  public List<CheckResult> check(ExperimentPlan plan) {
    List<CheckResult> results = new ArrayList<>();
    JsonNode expect = plan.document().root().path("expect");
    for (int i = 0; i < expect.size(); i++) {
      results.add(check(plan, i, expect.get(i)));
    }
    return results;
  }

  /** The group statistics a claim is judged on (also what reports tabulate). */
  public GroupedResult groups(ExperimentPlan plan, JsonNode check) {
    String metric = check.path("metric").asText();
    Summary summary = Summary.parse(check.path("summary").asText("final"));
    String by = check.path("by").asText(null);
    JsonNode bestOver = check.path("best_over");
    String overPath = bestOver.isObject() ? bestOver.path("path").asText() : null;
    boolean pickMin = bestOver.path("pick").asText("min").equals("min");
    // group → (value of best_over, or "" when averaging over everything else) → per-seed values
    Map<String, JsonNode> groupValues = new LinkedHashMap<>();
    Map<String, Map<String, List<Double>>> cells = new LinkedHashMap<>();
    int used = 0;
    int missing = 0;
    JsonNode where = check.path("where");
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
      String label = TrialValues.label(groupValue);
      groupValues.putIfAbsent(label, groupValue);
      String cell = overPath == null ? "" : TrialValues.label(TrialValues.at(trial, overPath));
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

  /** Whether {@code trial}'s value at each path of a check's {@code where} is the one given. */
  private static boolean matches(TrialSpec trial, JsonNode where) {
    for (java.util.Iterator<Map.Entry<String, JsonNode>> it = where.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> filter = it.next();
      JsonNode value = TrialValues.at(trial, filter.getKey());
      boolean same = value.isNumber() && filter.getValue().isNumber()
          ? value.asDouble() == filter.getValue().asDouble()
          : TrialValues.label(value).equals(TrialValues.label(filter.getValue()));
      if (!same) {
        return false;
      }
    }
    return true;
  }

  private static String whereLabel(JsonNode where) {
    List<String> parts = new ArrayList<>();
    where.fields().forEachRemaining(f -> parts.add(last(f.getKey()) + " = " + TrialValues.label(f.getValue())));
    return parts.isEmpty() ? "" : " where " + String.join(", ", parts);
  }

  /** Groups with how many trials they rest on. */
  public record GroupedResult(String metric, Summary summary, String by, List<Group> groups, int trialsUsed, int trialsMissing) {}

  private CheckResult check(ExperimentPlan plan, int index, JsonNode check) {
    GroupedResult result = groups(plan, check);
    String subject = result.metric() + " (" + result.summary().label() + ")" + whereLabel(check.path("where"));
    List<String> evidence = new ArrayList<>();
    for (Group g : result.groups()) {
      GroupStatistics s = g.statistics();
      evidence.add(String.format("%s = %s: %s ± %s (n=%d)", result.by() == null ? "all" : last(result.by()), g.label(),
          number(s.mean()), Double.isNaN(s.ci95()) ? "?" : number(s.ci95()), s.n()));
    }
    if (result.trialsMissing() > 0) {
      evidence.add(result.trialsMissing() + " of " + (result.trialsUsed() + result.trialsMissing())
          + " trials have no " + result.metric() + " yet (not completed, or never logged it)");
    }
    List<Group> groups = result.groups();
    if (groups.isEmpty()) {
      return new CheckResult(index, false, subject, "no completed trial logged " + result.metric(), evidence);
    }
    if (check.has("argmax_in") || check.has("argmin_in")) {
      boolean max = check.has("argmax_in");
      JsonNode allowed = check.get(max ? "argmax_in" : "argmin_in");
      Group best = groups.get(0);
      for (Group g : groups) {
        if (max ? g.statistics().mean() > best.statistics().mean() : g.statistics().mean() < best.statistics().mean()) {
          best = g;
        }
      }
      boolean passed = contains(allowed, best.value());
      String claim = subject + " is " + (max ? "highest" : "lowest") + " at " + last(result.by()) + " in " + allowed;
      return new CheckResult(index, passed, claim, (max ? "highest" : "lowest") + " at " + best.label()
          + " (" + number(best.statistics().mean()) + ")", evidence);
    }
    if (check.has("monotone")) {
      boolean increasing = check.get("monotone").asText().equals("increasing");
      String firstBreak = null;
      for (int i = 1; i < groups.size() && firstBreak == null; i++) {
        double previous = groups.get(i - 1).statistics().mean();
        double current = groups.get(i).statistics().mean();
        if (increasing ? current < previous : current > previous) {
          firstBreak = groups.get(i - 1).label() + " → " + groups.get(i).label() + ": " + number(previous) + " → " + number(current);
        }
      }
      String claim = subject + " " + (increasing ? "increases" : "decreases") + " along " + last(result.by());
      return new CheckResult(index, firstBreak == null, claim, firstBreak == null ? "it does" : "it does not at " + firstBreak, evidence);
    }
    if (check.has("ordering")) {
      JsonNode ordering = check.get("ordering");
      Optional<Group> higher = find(groups, ordering.get("higher"));
      Optional<Group> lower = find(groups, ordering.get("lower"));
      double margin = ordering.path("margin").asDouble(0);
      String claim = subject + " of " + text(ordering.get("higher")) + " exceeds " + text(ordering.get("lower"))
          + (margin > 0 ? " by at least " + number(margin) : "");
      if (higher.isEmpty() || lower.isEmpty()) {
        return new CheckResult(index, false, claim, "a group has no results", evidence);
      }
      double gap = higher.get().statistics().mean() - lower.get().statistics().mean();
      return new CheckResult(index, gap >= margin && gap > 0, claim, "the difference is " + number(gap), evidence);
    }
    if (check.has("within")) {
      double lo = check.get("within").get(0).asDouble();
      double hi = check.get("within").get(1).asDouble();
      List<Group> judged = check.has("at") ? find(groups, check.get("at")).map(List::of).orElse(List.of()) : groups;
      String claim = subject + (check.has("at") ? " at " + text(check.get("at")) : "") + " lies within [" + number(lo) + ", " + number(hi) + "]";
      List<String> outside = judged.stream().filter(g -> !(g.statistics().mean() >= lo && g.statistics().mean() <= hi))
          .map(g -> g.label() + " (" + number(g.statistics().mean()) + ")").toList();
      boolean passed = !judged.isEmpty() && outside.isEmpty();
      return new CheckResult(index, passed, claim, judged.isEmpty() ? "no such group has results"
          : outside.isEmpty() ? "it does" : "outside: " + String.join(", ", outside), evidence);
    }
    // u_shape: the minimum strictly inside the swept range, both ends above it.
    int argmin = 0;
    for (int i = 1; i < groups.size(); i++) {
      if (groups.get(i).statistics().mean() < groups.get(argmin).statistics().mean()) {
        argmin = i;
      }
    }
    boolean passed = groups.size() >= 3 && argmin > 0 && argmin < groups.size() - 1;
    return new CheckResult(index, passed, subject + " is U-shaped along " + last(result.by()),
        "minimum at " + groups.get(argmin).label() + " (" + number(groups.get(argmin).statistics().mean()) + ")"
            + (passed ? ", inside the range" : ", at an end of the range"), evidence);
  }

  private static Optional<Group> find(List<Group> groups, JsonNode value) {
    return groups.stream().filter(g -> same(g.value(), value)).findFirst();
  }

  private static boolean contains(JsonNode list, JsonNode value) {
    for (JsonNode v : list) {
      if (same(v, value)) {
        return true;
      }
    }
    return false;
  }

  private static boolean same(JsonNode a, JsonNode b) {
    return a.equals(b) || (a.isNumber() && b.isNumber() && a.asDouble() == b.asDouble()) || a.asText().equals(b.asText());
  }



  private static String text(JsonNode value) {
    return value == null ? "?" : TrialValues.label(value);
  }

  private static String last(String path) {
    return path == null ? "all" : path.substring(path.lastIndexOf('.') + 1);
  }

  static String number(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return Double.toString(v);
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    // Four significant digits, without the trailing zeros %g pads with.
    return String.format("%.4g", v).replaceAll("(\\.\\d*?)0+(e|$)", "$1$2").replaceAll("\\.(e|$)", "$1");
  }
}
