package dev.rlx.core.report;

import dev.rlx.core.store.MetricRow;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One metric's curve over a group of trials (its seeds): at each step, or in equal bins of
 * steps where the trials log at different steps, the mean over trials with its spread. The
 * report's figures and MLflow's group runs both draw from it, so they show the same numbers.
 */
public final class SeedCurve {

  /** A point of the curve: x (a step, or a bin's end), the statistics of the trials' values there, and their mean wall time. */
  public record Point(double x, GroupStatistics stats, double wallTime) {}

  private SeedCurve() {}

  /**
   * 0 (a curve per step) when every trial logged at the same steps; otherwise — a metric per
   * finished episode, or an evaluation every N generated tokens that falls a little
   * differently in each trial — the median number of points a trial logged, so that the line
   * does not zigzag between trials' steps.
   */
  public static int automaticBins(List<List<MetricRow>> trials) {
    List<long[]> steps = new ArrayList<>();
    for (List<MetricRow> rows : trials) {
      if (!rows.isEmpty()) {
        steps.add(rows.stream().mapToLong(MetricRow::step).toArray());
      }
    }
    if (steps.size() < 2 || steps.stream().allMatch(s -> Arrays.equals(s, steps.get(0)))) {
      return 0;
    }
    int[] counts = steps.stream().mapToInt(s -> s.length).sorted().toArray();
    return counts[counts.length / 2];
  }

  /** The curve of {@code trials} (one list of rows each), per step when {@code bins} ≤ 1, else in {@code bins} bins. */
  public static List<Point> of(List<List<MetricRow>> trials, int bins) {
    return bins > 1 ? binned(trials, bins) : perStep(trials);
  }

  /** At every step some trial logged: the statistics of the trials' values there. */
  public static List<Point> perStep(List<List<MetricRow>> trials) {
    TreeMap<Long, List<Double>> values = new TreeMap<>();
    TreeMap<Long, List<Double>> walls = new TreeMap<>();
    for (List<MetricRow> rows : trials) {
      for (MetricRow r : rows) {
        values.computeIfAbsent(r.step(), k -> new ArrayList<>()).add(r.value());
        walls.computeIfAbsent(r.step(), k -> new ArrayList<>()).add(r.wallTime());
      }
    }
    List<Point> out = new ArrayList<>(values.size());
    for (Map.Entry<Long, List<Double>> step : values.entrySet()) {
      out.add(new Point(step.getKey(), GroupStatistics.of(step.getValue()), GroupStatistics.of(walls.get(step.getKey())).mean()));
    }
    return out;
  }

  /**
   * Trials that log at different steps (a metric per finished episode, say): the step range is
   * cut into {@code bins} equal bins, each trial contributes the mean of its values in a bin,
   * and the point is the statistics over trials at the bin's end.
   */
  public static List<Point> binned(List<List<MetricRow>> trials, int bins) {
    long lo = Long.MAX_VALUE;
    long hi = Long.MIN_VALUE;
    int used = 0;
    for (List<MetricRow> rows : trials) {
      used += rows.isEmpty() ? 0 : 1;
      for (MetricRow r : rows) {
        lo = Math.min(lo, r.step());
        hi = Math.max(hi, r.step());
      }
    }
    if (used == 0) {
      return List.of();
    }
    double width = Math.max(1, hi - lo) / (double) bins;
    List<List<Double>> byBin = new ArrayList<>();
    List<List<Double>> wallsByBin = new ArrayList<>();
    for (int b = 0; b < bins; b++) {
      byBin.add(new ArrayList<>());
      wallsByBin.add(new ArrayList<>());
    }
    for (List<MetricRow> rows : trials) {
      double[] sum = new double[bins];
      double[] wall = new double[bins];
      int[] count = new int[bins];
      for (MetricRow r : rows) {
        int b = (int) Math.min(bins - 1, Math.floor((r.step() - lo) / width));
        sum[b] += r.value();
        wall[b] += r.wallTime();
        count[b]++;
      }
      for (int b = 0; b < bins; b++) {
        if (count[b] > 0) {
          byBin.get(b).add(sum[b] / count[b]);
          wallsByBin.get(b).add(wall[b] / count[b]);
        }
      }
    }
    List<Point> out = new ArrayList<>();
    for (int b = 0; b < bins; b++) {
      if (!byBin.get(b).isEmpty()) {
        out.add(new Point(lo + (b + 1) * width, GroupStatistics.of(byBin.get(b)), GroupStatistics.of(wallsByBin.get(b)).mean()));
      }
    }
    return out;
  }
}
