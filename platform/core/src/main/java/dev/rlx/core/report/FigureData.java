package dev.rlx.core.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.rlx.core.model.Figure;
import dev.rlx.core.plan.ExperimentPlan;
import dev.rlx.core.report.format.ValueLabel;
import dev.rlx.core.store.MetricRow;
import dev.rlx.sweeps.TrialSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * The numbers behind one {@code report.figures} entry: a line per group of {@code by}, each
 * point a mean over seeds (and over every other swept value) with its 95% confidence
 * half-width.
 *
 * @param title the figure's title
 * @param xLabel the x axis label
 * @param yLabel the y axis label
 * @param logX whether x is shown on a log scale
 * @param logY whether y is shown on a log scale
 * @param yRange [low, high] of the y axis, or null to fit the data
 * @param series the lines (points whose mean is not finite, such as a diverged run's, left out)
 */
public record FigureData(String title, String xLabel, String yLabel, boolean logX, boolean logY, double[] yRange, List<Series> series,
    List<String> xCategories) {

  /** One line: its name, and points (x, mean, ci95). */
  public record Series(String name, double[] x, double[] mean, double[] ci95, int trials) {}

  /** Computes the figure described by {@code figure} (a {@code report.figures} item). */
  public static FigureData of(ExperimentPlan plan, Figure figure, TrialMetrics metrics) {
    String kind = figure.kind();
    String y = figure.y();
    String by = figure.by().orElse(null);
    String x = figure.x().orElse(kind.equals("curve") ? "env_steps" : null);
    Summary summary = Summary.parse(figure.summary());
    // A final figure over a non-numeric x (e.g. variant): categories 1..k in plan order.
    List<String> categories = new ArrayList<>();
    if (kind.equals("final") && x != null && !plan.trials().stream().allMatch(t -> TrialValues.at(t, x).isNumber())) {
      plan.trials().stream().map(t -> ValueLabel.of(TrialValues.at(t, x))).distinct().forEach(categories::add);
    }
    Map<String, List<TrialSpec>> groups = new LinkedHashMap<>();
    for (TrialSpec t : sorted(plan.trials(), by)) {
      groups.computeIfAbsent(by == null ? y : by + " = " + ValueLabel.of(TrialValues.at(t, by)), k -> new ArrayList<>()).add(t);
    }
    List<Series> series = new ArrayList<>();
    int bins = figure.bins();
    for (Map.Entry<String, List<TrialSpec>> g : groups.entrySet()) {
      int groupBins = bins > 1 ? bins : x.equals("wall_time") ? 0 : automaticBins(g.getValue(), y, metrics);
      series.add(!kind.equals("curve") ? finals(g.getKey(), g.getValue(), y, x, summary, metrics, categories)
          : groupBins > 1 && !x.equals("wall_time") ? binnedCurve(g.getKey(), g.getValue(), y, groupBins, metrics)
          : curve(g.getKey(), g.getValue(), y, x, metrics));
    }
    int window = figure.smooth();
    series.replaceAll(s -> smooth(finite(s), window));
    series.removeIf(s -> s.x().length == 0);
    String reference = plan.spec().reference().flatMap(r -> r.figure()).orElse("");
    String title = figure.title().orElse(plan.name() + ": " + y + (kind.equals("final") ? " (" + summary.label() + ")" : "")
        + (reference.isEmpty() ? "" : " — cf. " + reference));
    String xLabel = figure.xLabel().orElse(kind.equals("curve") ? axisLabel(x) : x);
    String yLabel = figure.yLabel().orElse(y);
    double[] yRange = figure.yRange().map(double[]::clone).orElse(null);
    return new FigureData(title, xLabel, yLabel, figure.logX(), figure.logY(), yRange, series, List.copyOf(categories));
  }

  /** A trailing moving average of the means and intervals over {@code window} points. */
  private static Series smooth(Series s, int window) {
    if (window <= 1) {
      return s;
    }
    int n = s.x().length;
    double[] mean = new double[n];
    double[] ci = new double[n];
    double sumMean = 0;
    double sumCi = 0;
    for (int i = 0; i < n; i++) {
      sumMean += s.mean()[i];
      sumCi += s.ci95()[i];
      if (i >= window) {
        sumMean -= s.mean()[i - window];
        sumCi -= s.ci95()[i - window];
      }
      int count = Math.min(i + 1, window);
      mean[i] = sumMean / count;
      ci[i] = sumCi / count;
    }
    return new Series(s.name() + " (moving average of " + window + ")", s.x(), mean, ci, s.trials());
  }

  /** Leaves out points that cannot be drawn (a diverged mean, an infinite interval). */
  private static Series finite(Series s) {
    int n = 0;
    for (int i = 0; i < s.x().length; i++) {
      if (Double.isFinite(s.x()[i]) && Double.isFinite(s.mean()[i]) && Double.isFinite(s.ci95()[i])) {
        n++;
      }
    }
    double[] x = new double[n];
    double[] mean = new double[n];
    double[] ci = new double[n];
    int j = 0;
    for (int i = 0; i < s.x().length; i++) {
      if (Double.isFinite(s.x()[i]) && Double.isFinite(s.mean()[i]) && Double.isFinite(s.ci95()[i])) {
        x[j] = s.x()[i];
        mean[j] = s.mean()[i];
        ci[j++] = s.ci95()[i];
      }
    }
    return new Series(s.name(), x, mean, ci, s.trials());
  }

  private static Series curve(String name, List<TrialSpec> trials, String y, String x, TrialMetrics metrics) {
    // step → values over trials (and their wall times, for an x of wall_time)
    TreeMap<Long, List<Double>> values = new TreeMap<>();
    TreeMap<Long, List<Double>> walls = new TreeMap<>();
    int used = 0;
    for (TrialSpec t : trials) {
      Optional<List<MetricRow>> rows = metrics.rows(t.id(), y);
      if (rows.isEmpty() || rows.get().isEmpty()) {
        continue;
      }
      used++;
      for (MetricRow r : rows.get()) {
        values.computeIfAbsent(r.step(), k -> new ArrayList<>()).add(r.value());
        walls.computeIfAbsent(r.step(), k -> new ArrayList<>()).add(r.wallTime());
      }
    }
    int n = values.size();
    double[] xs = new double[n];
    double[] means = new double[n];
    double[] cis = new double[n];
    int i = 0;
    for (Map.Entry<Long, List<Double>> step : values.entrySet()) {
      GroupStatistics s = GroupStatistics.of(step.getValue());
      xs[i] = x.equals("wall_time") ? GroupStatistics.of(walls.get(step.getKey())).mean() : step.getKey();
      means[i] = s.mean();
      cis[i] = Double.isNaN(s.ci95()) ? 0 : s.ci95();
      i++;
    }
    return new Series(name, xs, means, cis, used);
  }

  /**
   * Without {@code bins}: 0 (a plain curve) when every trial of the group logged {@code y} at the
   * same steps; otherwise — a metric per finished episode, or an evaluation every N generated
   * tokens that falls a little differently in each trial — the median number of points a trial
   * logged, so that the line does not zigzag between trials' steps.
   */
  private static int automaticBins(List<TrialSpec> trials, String y, TrialMetrics metrics) {
    List<long[]> steps = new ArrayList<>();
    for (TrialSpec t : trials) {
      metrics.rows(t.id(), y).filter(rows -> !rows.isEmpty())
          .ifPresent(rows -> steps.add(rows.stream().mapToLong(MetricRow::step).toArray()));
    }
    if (steps.size() < 2 || steps.stream().allMatch(s -> java.util.Arrays.equals(s, steps.get(0)))) {
      return 0;
    }
    int[] counts = steps.stream().mapToInt(s -> s.length).sorted().toArray();
    return counts[counts.length / 2];
  }

  /**
   * A curve of trials that log at different steps (a metric per finished episode, say): the
   * step range is cut into {@code bins} equal bins, each trial contributes the mean of its
   * values in a bin, and the line is the mean over trials (with its 95% band) at bin ends.
   */
  private static Series binnedCurve(String name, List<TrialSpec> trials, String y, int bins, TrialMetrics metrics) {
    List<List<MetricRow>> perTrial = new ArrayList<>();
    long lo = Long.MAX_VALUE;
    long hi = Long.MIN_VALUE;
    for (TrialSpec t : trials) {
      Optional<List<MetricRow>> rows = metrics.rows(t.id(), y);
      if (rows.isPresent() && !rows.get().isEmpty()) {
        perTrial.add(rows.get());
        for (MetricRow r : rows.get()) {
          lo = Math.min(lo, r.step());
          hi = Math.max(hi, r.step());
        }
      }
    }
    if (perTrial.isEmpty()) {
      return new Series(name, new double[0], new double[0], new double[0], 0);
    }
    double width = Math.max(1, hi - lo) / (double) bins;
    List<List<Double>> byBin = new ArrayList<>();
    for (int b = 0; b < bins; b++) {
      byBin.add(new ArrayList<>());
    }
    for (List<MetricRow> rows : perTrial) {
      double[] sum = new double[bins];
      int[] count = new int[bins];
      for (MetricRow r : rows) {
        int b = (int) Math.min(bins - 1, Math.floor((r.step() - lo) / width));
        sum[b] += r.value();
        count[b]++;
      }
      for (int b = 0; b < bins; b++) {
        if (count[b] > 0) {
          byBin.get(b).add(sum[b] / count[b]);
        }
      }
    }
    List<double[]> points = new ArrayList<>();
    for (int b = 0; b < bins; b++) {
      if (!byBin.get(b).isEmpty()) {
        GroupStatistics s = GroupStatistics.of(byBin.get(b));
        points.add(new double[] {lo + (b + 1) * width, s.mean(), Double.isNaN(s.ci95()) ? 0 : s.ci95()});
      }
    }
    return new Series(name, points.stream().mapToDouble(v -> v[0]).toArray(), points.stream().mapToDouble(v -> v[1]).toArray(),
        points.stream().mapToDouble(v -> v[2]).toArray(), perTrial.size());
  }

  private static Series finals(String name, List<TrialSpec> trials, String y, String x, Summary summary, TrialMetrics metrics,
      List<String> categories) {
    TreeMap<Double, List<Double>> byX = new TreeMap<>();
    int used = 0;
    for (TrialSpec t : trials) {
      OptionalDouble v = metrics.rows(t.id(), y).map(summary::of).orElse(OptionalDouble.empty());
      JsonNode xValue = TrialValues.at(t, x);
      if (v.isEmpty() || (categories.isEmpty() && !xValue.isNumber())) {
        continue;
      }
      used++;
      double at = categories.isEmpty() ? xValue.asDouble() : categories.indexOf(ValueLabel.of(xValue)) + 1;
      byX.computeIfAbsent(at, k -> new ArrayList<>()).add(v.getAsDouble());
    }
    double[] xs = new double[byX.size()];
    double[] means = new double[byX.size()];
    double[] cis = new double[byX.size()];
    int i = 0;
    for (Map.Entry<Double, List<Double>> point : byX.entrySet()) {
      GroupStatistics s = GroupStatistics.of(point.getValue());
      xs[i] = point.getKey();
      means[i] = s.mean();
      cis[i] = Double.isNaN(s.ci95()) ? 0 : s.ci95();
      i++;
    }
    return new Series(name, xs, means, cis, used);
  }

  private static List<TrialSpec> sorted(List<TrialSpec> trials, String by) {
    List<TrialSpec> out = new ArrayList<>(trials);
    if (by != null && out.stream().allMatch(t -> TrialValues.at(t, by).isNumber())) {
      out.sort(java.util.Comparator.comparingDouble(t -> TrialValues.at(t, by).asDouble()));
    }
    return out;
  }



  private static String axisLabel(String x) {
    return switch (x) {
      case "env_steps" -> "environment steps";
      case "wall_time" -> "wall time (s)";
      default -> x;
    };
  }
}
