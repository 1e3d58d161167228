package dev.rlx.core.model;

import dev.rlx.core.spec.Origin;
import java.util.Optional;

/**
 * One {@code report.figures} entry.
 *
 * @param at where the entry was written
 * @param kind curve (a metric over training) or final (a summary against a swept value)
 * @param x the x axis as written: a training axis for a curve, a swept path for a final figure
 * @param xAt where {@code x} was written (the entry, when it was not)
 * @param y the metric plotted
 * @param by the swept path or 'variant' giving one line per value
 * @param byAt where {@code by} was written
 * @param summary the per-trial summary of a final figure (default final)
 * @param title the title, when the spec sets one
 * @param xLabel the x axis label, when the spec sets one
 * @param yLabel the y axis label, when the spec sets one
 * @param yRange [low, high] of the y axis, when the spec fixes it
 * @param logX whether x is on a log scale
 * @param logY whether y is on a log scale
 * @param smooth the moving-average window over points (default 1: none)
 * @param bins step bins per trial before averaging (0: chosen from the data)
 */
public record Figure(
    Origin at,
    String kind,
    Optional<String> x,
    Origin xAt,
    String y,
    Optional<String> by,
    Origin byAt,
    String summary,
    Optional<String> title,
    Optional<String> xLabel,
    Optional<String> yLabel,
    Optional<double[]> yRange,
    boolean logX,
    boolean logY,
    int smooth,
    int bins) {

  public boolean isCurve() {
    return kind.equals("curve");
  }

  public boolean isFinal() {
    return kind.equals("final");
  }
}
