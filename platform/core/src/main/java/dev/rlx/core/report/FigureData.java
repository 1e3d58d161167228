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
    List<List<MetricRow>> rows = rows(trials, y, metrics);
    return series(name, SeedCurve.perStep(rows), x.equals("wall_time"), rows.size());
  }

  private static int automaticBins(List<TrialSpec> trials, String y, TrialMetrics metrics) {
    return SeedCurve.automaticBins(rows(trials, y, metrics));
  }

  private static Series binnedCurve(String name, List<TrialSpec> trials, String y, int bins, TrialMetrics metrics) {
    List<List<MetricRow>> rows = rows(trials, y, metrics);
    return series(name, SeedCurve.binned(rows, bins), false, rows.size());
  }

  /** The rows of {@code y} of each trial that logged it. */
  private static List<List<MetricRow>> rows(List<TrialSpec> trials, String y, TrialMetrics metrics) {
    List<List<MetricRow>> out = new ArrayList<>();
    for (TrialSpec t : trials) {
      metrics.rows(t.id(), y).filter(r -> !r.isEmpty()).ifPresent(out::add);
    }
    return out;
  }

  /** A line through the curve's points: x (or the mean wall time), the means, and the 95% half-widths (0 for one trial). */
  private static Series series(String name, List<SeedCurve.Point> points, boolean wallTimeX, int trials) {
    return new Series(name, points.stream().mapToDouble(p -> wallTimeX ? p.wallTime() : p.x()).toArray(),
        points.stream().mapToDouble(p -> p.stats().mean()).toArray(),
        points.stream().mapToDouble(p -> Double.isNaN(p.stats().ci95()) ? 0 : p.stats().ci95()).toArray(), trials);
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
