package dev.rlx.core.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws a {@link FigureData} with XChart: a line per group, its 95% confidence band shaded
 * behind it; written as PNG (for the HTML page) and SVG (for papers).
 */
public final class FigureRenderer {

  /** Colour-blind-safe palette (Okabe &amp; Ito), then further distinct colours for long sweeps. */
  private static final Color[] PALETTE = {
      new Color(0, 114, 178), new Color(213, 94, 0), new Color(0, 158, 115), new Color(204, 121, 167),
      new Color(230, 159, 0), new Color(86, 180, 233), new Color(240, 228, 66), new Color(0, 0, 0),
      new Color(128, 128, 128), new Color(140, 86, 75), new Color(128, 128, 0), new Color(0, 0, 128)};

  private FigureRenderer() {}

  /**
   * A series' legend entry: its group with the swept path cut to its last name (every series of
   * a figure is grouped by the same path, so "clip_eps_high = 0.2" says it; the full path took a
   * third of the width), and its trial count.
   */
  static String legendEntry(FigureData.Series s) {
    String name = s.name();
    int eq = name.indexOf(" = ");
    if (eq > 0 && !name.substring(0, eq).contains(" ")) {
      name = name.substring(name.lastIndexOf('.', eq) + 1);
    }
    return name + " (" + s.trials() + (s.trials() == 1 ? " trial)" : " trials)");
  }

  /** The legend's entries, or none when only one series is drawn (the legend is hidden then). */
  private static List<String> legendLabels(FigureData figure) {
    return figure.series().size() > 1 ? figure.series().stream().map(FigureRenderer::legendEntry).toList() : List.of();
  }

  /**
   * A title that fits the chart's width: XChart centres the title and cuts whatever overflows on
   * both sides, so a long one (experiment: metric — cf. the reference's figure) lost its start.
   * The font shrinks down to 10 pt, then the end gives way to "…".
   */
  static String fitTitle(org.knowm.xchart.style.Styler styler, String title, int chartWidth, List<String> legendLabels) {
    java.awt.Font font = styler.getChartTitleFont();
    java.awt.Graphics2D g = new java.awt.image.BufferedImage(1, 1, java.awt.image.BufferedImage.TYPE_INT_RGB).createGraphics();
    try {
      // The title is centred over the plot, which the legend (outside, on the right) narrows.
      int legend = 0;
      for (String label : legendLabels) {
        legend = Math.max(legend, g.getFontMetrics(styler.getLegendFont()).stringWidth(label));
      }
      legend = legendLabels.isEmpty() ? 0 : legend + 3 * styler.getLegendPadding() + styler.getLegendSeriesLineLength() + 20;
      int room = chartWidth - 2 * styler.getChartPadding() - legend - 40;
      while (g.getFontMetrics(font).stringWidth(title) > room && font.getSize2D() > 10) {
        font = font.deriveFont(font.getSize2D() - 1);
      }
      styler.setChartTitleFont(font);
      String fitted = title;
      while (g.getFontMetrics(font).stringWidth(fitted) > room && fitted.length() > 1) {
        fitted = title.substring(0, fitted.length() - 2) + "…";
      }
      return fitted;
    } finally {
      g.dispose();
    }
  }

  /** A final figure over categories (e.g. variants): bars with 95% error bars, a colour per series. */
  private static Path renderCategories(FigureData figure, Path base) throws IOException {
    CategoryChart chart = new CategoryChartBuilder().width(900).height(560).title(figure.title())
        .xAxisTitle(figure.xLabel()).yAxisTitle(figure.yLabel()).build();
    chart.setTitle(fitTitle(chart.getStyler(), figure.title(), chart.getWidth(), legendLabels(figure)));
    frame(chart.getStyler(), figure);
    chart.getStyler().setErrorBarsColor(Color.DARK_GRAY);
    if (!figure.logY()) { // on a log axis a custom formatter would make XChart lay the ticks out linearly
      chart.setCustomYAxisTickLabelsFormatter(FigureRenderer::tickLabel);
    }
    int i = 0;
    for (FigureData.Series s : figure.series()) {
      List<String> names = new java.util.ArrayList<>();
      List<Double> means = new java.util.ArrayList<>();
      List<Double> errors = new java.util.ArrayList<>();
      for (int k = 0; k < s.x().length; k++) {
        names.add(figure.xCategories().get((int) Math.round(s.x()[k]) - 1));
        means.add(s.mean()[k]);
        errors.add(s.ci95()[k]);
      }
      if (!names.isEmpty()) {
        chart.addSeries(legendEntry(s), names, means, errors)
            .setFillColor(PALETTE[i++ % PALETTE.length]);
      }
    }
    BitmapEncoder.saveBitmap(chart, base.toString(), BitmapEncoder.BitmapFormat.PNG);
    VectorGraphicsEncoder.saveVectorGraphic(chart, base.toString(), VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
    return Path.of(base + ".png");
  }

  /**
   * On a logarithmic axis, only the points with a positive coordinate there (a residual that
   * reached exactly 0 cannot be drawn), with the band's lower edge kept above zero.
   */
  static FigureData.Series positive(FigureData.Series s, boolean logX, boolean logY) {
    if (!logX && !logY) {
      return s;
    }
    int n = 0;
    int length = s.x().length;
    double[] x = new double[length];
    double[] mean = new double[length];
    double[] ci = new double[length];
    for (int k = 0; k < length; k++) {
      if ((logX && !(s.x()[k] > 0)) || (logY && !(s.mean()[k] > 0))) {
        continue;
      }
      x[n] = s.x()[k];
      mean[n] = s.mean()[k];
      ci[n] = logY ? Math.min(s.ci95()[k], 0.9 * s.mean()[k]) : s.ci95()[k];
      n++;
    }
    return new FigureData.Series(s.name(), java.util.Arrays.copyOf(x, n), java.util.Arrays.copyOf(mean, n),
        java.util.Arrays.copyOf(ci, n), s.trials());
  }

  /** Writes {@code base}.png and {@code base}.svg; returns the PNG. */
  public static Path render(FigureData figure, Path base) throws IOException {
    System.setProperty("java.awt.headless", "true");
    if (!figure.xCategories().isEmpty()) {
      return renderCategories(figure, base);
    }
    XYChart chart = xyChart(figure);
    BitmapEncoder.saveBitmap(chart, base.toString(), BitmapEncoder.BitmapFormat.PNG);
    VectorGraphicsEncoder.saveVectorGraphic(chart, base.toString(), VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
    return Path.of(base + ".png");
  }

  /** What both kinds of chart share: white ground, light grid, a legend for several series, the y axis as asked. */
  private static void frame(AxesChartStyler styler, FigureData figure) {
    styler.setChartBackgroundColor(Color.WHITE);
    styler.setPlotBackgroundColor(Color.WHITE);
    styler.setPlotGridLinesColor(new Color(225, 225, 225));
    styler.setLegendVisible(figure.series().size() > 1);
    styler.setYAxisLogarithmic(figure.logY());
    if (figure.yRange() != null) {
      styler.setYAxisMin(figure.yRange()[0]);
      styler.setYAxisMax(figure.yRange()[1]);
    }
  }

  /** The figure as an XChart line chart: a line per series, its 95% band, log axes as asked. */
  static XYChart xyChart(FigureData figure) {
    XYChart chart = new XYChartBuilder().width(900).height(560).title(figure.title())
        .xAxisTitle(figure.xLabel()).yAxisTitle(figure.yLabel()).build();
    chart.setTitle(fitTitle(chart.getStyler(), figure.title(), chart.getWidth(), legendLabels(figure)));
    frame(chart.getStyler(), figure);
    chart.getStyler().setXAxisLogarithmic(figure.logX());
    // XChart labels a log axis at powers of ten only: a sweep over 1, 2, 4, 8 showed one label, "1"
    chart.getStyler().setXAxisLogarithmicDecadeOnly(!(figure.logX() && decades(figure, true) < 2));
    chart.getStyler().setYAxisLogarithmicDecadeOnly(!(figure.logY() && decades(figure, false) < 2));
    // (a custom formatter would replace XChart's log tick calculator with a linear one: linear axes only)
    if (!figure.logX()) {
      chart.setCustomXAxisTickLabelsFormatter(FigureRenderer::tickLabel);
    }
    if (!figure.logY()) {
      chart.setCustomYAxisTickLabelsFormatter(FigureRenderer::tickLabel);
    }
    chart.getStyler().setXAxisTickMarkSpacingHint(90);
    chart.getStyler().setMarkerSize(figure.series().stream().allMatch(s -> s.x().length <= 30) ? 6 : 0);
    int i = 0;
    for (FigureData.Series unclamped : figure.series()) {
      FigureData.Series s = positive(clamp(unclamped, figure.yRange()), figure.logX(), figure.logY());
      if (s.x().length == 0) {
        continue;
      }
      Color color = PALETTE[i++ % PALETTE.length];
      if (hasBand(s)) {
        int n = s.x().length;
        double[] bandX = new double[2 * n];
        double[] bandY = new double[2 * n];
        for (int k = 0; k < n; k++) {
          bandX[k] = s.x()[k];
          bandY[k] = s.mean()[k] + s.ci95()[k];
          bandX[2 * n - 1 - k] = s.x()[k];
          bandY[2 * n - 1 - k] = s.mean()[k] - s.ci95()[k];
        }
        XYSeries band = chart.addSeries(s.name() + " 95% CI", bandX, bandY);
        band.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
        band.setFillColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 60));
        band.setLineColor(new Color(0, 0, 0, 0));
        band.setMarker(SeriesMarkers.NONE);
        band.setShowInLegend(false);
      }
      XYSeries line = chart.addSeries(legendEntry(s), s.x(), s.mean());
      if (i > PALETTE.length) {
        line.setLineStyle(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
      }
      line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
      line.setLineColor(color);
      line.setMarkerColor(color);
      if (i <= PALETTE.length) {
        line.setLineStyle(new BasicStroke(2f));
      }
      line.setMarker(SeriesMarkers.CIRCLE);
    }
    return chart;
  }

  /** How many powers of ten the positive x (or mean y) values of the figure span. */
  static double decades(FigureData figure, boolean x) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = 0;
    for (FigureData.Series s : figure.series()) {
      for (double v : x ? s.x() : s.mean()) {
        if (v > 0 && Double.isFinite(v)) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
      }
    }
    return hi > 0 ? Math.log10(hi / lo) : 0;
  }

  /**
   * An axis tick as a person writes it: "0.05", "-0.1", "2", "60k", "18.15k", "1.5M", "1e-05" —
   * not XChart's ".05", "60000.0" or "18,151.6" (binned curves put ticks on odd values).
   * Thousands and millions keep four significant digits, smaller numbers six.
   */
  static String tickLabel(double v) {
    if (v == 0 || !Double.isFinite(v)) {
      return v == 0 ? "0" : Double.toString(v);
    }
    double a = Math.abs(v);
    if (a >= 1e3 && a < 1e9) {
      boolean millions = a >= 1e6;
      return significant(millions ? v / 1e6 : v / 1e3, 4) + (millions ? "M" : "k");
    }
    if (a < 1e-3 || a >= 1e9) {
      return String.format(java.util.Locale.ROOT, "%.3g", v).replaceAll("\\.?0+e", "e");
    }
    return significant(v, 6);
  }

  private static String significant(double v, int digits) {
    return new java.math.BigDecimal(v).round(new java.math.MathContext(digits)).stripTrailingZeros().toPlainString();
  }

  /**
   * With a y range, values far outside it (a diverged run's 1e80) are pulled in to just
   * beyond its edges: drawn off the plot either way, but Java2D need not stroke a path
   * astronomically long.
   */
  private static FigureData.Series clamp(FigureData.Series s, double[] yRange) {
    if (yRange == null) {
      return s;
    }
    double span = yRange[1] - yRange[0];
    double lo = yRange[0] - span;
    double hi = yRange[1] + span;
    double[] mean = s.mean().clone();
    double[] ci = s.ci95().clone();
    for (int k = 0; k < mean.length; k++) {
      double clamped = Math.max(lo, Math.min(hi, mean[k]));
      ci[k] = clamped != mean[k] ? 0 : Math.min(ci[k], span); // no band around a point off the plot
      mean[k] = clamped;
    }
    return new FigureData.Series(s.name(), s.x(), mean, ci, s.trials());
  }

  private static boolean hasBand(FigureData.Series s) {
    for (double c : s.ci95()) {
      if (c > 0 && Double.isFinite(c)) {
        return true;
      }
    }
    return false;
  }
}
