package dev.rlx.core.report.match;

import dev.rlx.core.model.Figure;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * A match's figures, as PNG and SVG: the win-rate matrix (the row player's mean score against
 * the column player, wins plus half the draws, over the games they played in either colour) and
 * the Bradley–Terry ratings with their 95% intervals.
 */
public final class MatchFigures {

  private MatchFigures() {}

  /** Whether {@code figure} is one of a match's kinds. */
  public static boolean handles(Figure figure) {
    return figure.kind().equals("win_matrix") || figure.kind().equals("ratings");
  }

  /** Draws {@code figure} to {@code base}.png and .svg; empty when no game has finished yet. */
  public static java.util.Optional<Path> render(String experiment, Figure figure, MatchResults results, Path base)
      throws IOException {
    if (results.played() == 0) {
      return java.util.Optional.empty();
    }
    Chart<?, ?> chart = figure.kind().equals("win_matrix") ? winMatrix(experiment, figure, results) : ratings(experiment, figure, results);
    BitmapEncoder.saveBitmap(chart, base.toString(), BitmapEncoder.BitmapFormat.PNG);
    VectorGraphicsEncoder.saveVectorGraphic(chart, base.toString(), VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
    return java.util.Optional.of(Path.of(base + ".png"));
  }

  private static HeatMapChart winMatrix(String experiment, Figure figure, MatchResults results) {
    List<String> players = results.players();
    int k = players.size();
    HeatMapChart chart = new HeatMapChartBuilder().width(Math.max(640, 120 + 110 * k)).height(Math.max(520, 140 + 70 * k))
        .title(figure.title().orElse(experiment + ": score of the row player against the column player"))
        .xAxisTitle(figure.xLabel().orElse("opponent")).yAxisTitle(figure.yLabel().orElse("player")).build();
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setPlotBackgroundColor(Color.WHITE);
    chart.getStyler().setShowValue(true);
    chart.getStyler().setMin(0);
    chart.getStyler().setMax(1);
    // Diverging: losing red, even white, winning blue (colour-blind safe ends).
    chart.getStyler().setRangeColors(new Color[] {new Color(213, 94, 0), Color.WHITE, new Color(0, 114, 178)});
    chart.getStyler().setHeatMapValueDecimalPattern("0.00");
    List<Number[]> cells = new ArrayList<>();
    for (int row = 0; row < k; row++) {
      for (int col = 0; col < k; col++) {
        double score = results.score(row, col);
        if (!Double.isNaN(score)) {
          cells.add(new Number[] {col, k - 1 - row, score}); // first player at the top
        }
      }
    }
    List<String> rows = new ArrayList<>(players);
    java.util.Collections.reverse(rows);
    chart.addSeries("score", players, rows, cells);
    return chart;
  }

  private static CategoryChart ratings(String experiment, Figure figure, MatchResults results) {
    List<BradleyTerry.Rating> ratings = results.ratings();
    CategoryChart chart = new CategoryChartBuilder().width(900).height(560)
        .title(figure.title().orElse(experiment + ": Bradley–Terry ratings (Elo scale, 95% intervals)"))
        .xAxisTitle(figure.xLabel().orElse("player")).yAxisTitle(figure.yLabel().orElse("rating (Elo points, mean 0)")).build();
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setPlotBackgroundColor(Color.WHITE);
    chart.getStyler().setPlotGridLinesColor(new Color(225, 225, 225));
    chart.getStyler().setLegendVisible(false);
    chart.getStyler().setErrorBarsColor(Color.DARK_GRAY);
    List<String> names = new ArrayList<>();
    List<Double> means = new ArrayList<>();
    List<Double> errors = new ArrayList<>();
    for (int p = 0; p < results.players().size(); p++) {
      if (results.gamesOf(p) > 0) {
        names.add(results.players().get(p));
        means.add(ratings.get(p).rating());
        errors.add(Double.isNaN(ratings.get(p).ci95()) ? 0 : ratings.get(p).ci95());
      }
    }
    chart.addSeries("rating", names, means, errors).setFillColor(new Color(0, 114, 178));
    return chart;
  }
}
