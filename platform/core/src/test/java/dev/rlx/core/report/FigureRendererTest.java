package dev.rlx.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

class FigureRendererTest {

  private static int width(XYChart chart, String text) {
    return new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics()
        .getFontMetrics(chart.getStyler().getChartTitleFont()).stringWidth(text);
  }

  /** A headless chart of the size reports draw, to fit titles on. */
  private static XYChart titledChart() {
    System.setProperty("java.awt.headless", "true");
    return new XYChartBuilder().width(900).height(560).build();
  }

  @Test
  void aShortTitleIsKeptAsItIs() {
    XYChart chart = titledChart();
    float size = chart.getStyler().getChartTitleFont().getSize2D();
    assertThat(FigureRenderer.fitTitle(chart.getStyler(), "gae-lambda: eval/return", 900, java.util.List.of())).isEqualTo("gae-lambda: eval/return");
    assertThat(chart.getStyler().getChartTitleFont().getSize2D()).isEqualTo(size);
  }

  @Test
  void aLongTitleShrinksThenLosesItsEndNeverItsStart() {
    XYChart chart = titledChart();
    String title = "rm-label-noise: eval/pairwise_accuracy — cf. held-out pairwise accuracy vs label noise ∈ {0, 0.1, 0.2, 0.3, 0.4}";
    String fitted = FigureRenderer.fitTitle(chart.getStyler(), title, 900, java.util.List.of());
    assertThat(fitted).startsWith("rm-label-noise: eval/pairwise_accuracy");
    assertThat(width(chart, fitted)).isLessThanOrEqualTo(900 - 2 * chart.getStyler().getChartPadding());
    String veryLong = title.repeat(4);
    String cut = FigureRenderer.fitTitle(chart.getStyler(), veryLong, 900, java.util.List.of());
    assertThat(cut).startsWith("rm-label-noise: eval/pairwise_accuracy").endsWith("…");
    assertThat(chart.getStyler().getChartTitleFont().getSize2D()).isEqualTo(10f);
    assertThat(width(chart, cut)).isLessThanOrEqualTo(900 - 2 * chart.getStyler().getChartPadding());
  }

  @Test
  void aLegendOnTheRightLeavesTheTitleLessRoom() {
    XYChart chart = titledChart();
    String title = "rlhf-pipeline: eval/kl_ref — cf. reward-model reward, true reward and KL to the SFT policy, per β";
    String alone = FigureRenderer.fitTitle(chart.getStyler(), title, 900, java.util.List.of());
    int aloneWidth = width(chart, alone);
    String withLegend = FigureRenderer.fitTitle(chart.getStyler(), title, 900,
        java.util.List.of("algorithm.params.beta = 0.02 (3 trials)", "algorithm.params.beta = 1.0 (3 trials)"));
    assertThat(withLegend).startsWith("rlhf-pipeline: eval/kl_ref");
    assertThat(width(chart, withLegend)).isLessThan(aloneWidth).isLessThanOrEqualTo(900 - 300);
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
      "0 | 0", "0.05 | 0.05", "-0.05 | -0.05", "-0.1 | -0.1", "0.3 | 0.3", "2 | 2", "2.5 | 2.5", "123.456 | 123.456",
      "1000 | 1k", "60000 | 60k", "12500 | 12.5k", "6177.2 | 6.177k", "18151.6 | 18.15k", "1500000 | 1.5M",
      "0.00001 | 1e-05", "0.000015 | 1.5e-05", "2e10 | 2e+10"})
  void ticksReadAsAPersonWritesThem(double value, String label) {
    assertThat(FigureRenderer.tickLabel(value)).isEqualTo(label);
  }

  @Test
  void aLogAxisOverLessThanTwoDecadesIsLabelledBetweenPowersOfTen(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    // λ_D ∈ {1, 2, 4, 8}: before, XChart labelled only "1"; its log ticks are kept (no custom formatter on a log axis)
    FigureData.Series s = new FigureData.Series("kto", new double[] {1, 2, 4, 8}, new double[] {-0.2, -0.1, 0, 0.05},
        new double[] {0.1, 0.1, 0.1, 0.1}, 4);
    FigureData figure = new FigureData("kto-imbalance: gain", "λ_D", "gain", true, false, null, java.util.List.of(s),
        java.util.List.of());
    assertThat(FigureRenderer.decades(figure, true)).isCloseTo(Math.log10(8), org.assertj.core.api.Assertions.within(1e-12));
    assertThat(FigureRenderer.decades(figure, false)).isCloseTo(0, org.assertj.core.api.Assertions.within(1e-12));
    XYChart chart = FigureRenderer.xyChart(figure);
    assertThat(chart.getStyler().isXAxisLogarithmic()).isTrue();
    assertThat(chart.getStyler().isXAxisLogarithmicDecadeOnly()).isFalse();
    // a custom formatter would swap XChart's log tick calculator for a linear one (labels 1..8 evenly spaced, wrong)
    assertThat(chart.getStyler().getxAxisTickLabelsFormattingFunction()).isNull();
    assertThat(chart.getStyler().getyAxisTickLabelsFormattingFunction()).isNotNull();
    assertThat(FigureRenderer.render(figure, dir.resolve("figure"))).exists();
    // over more decades (β ∈ {0.01, …, 1}) the powers of ten suffice
    FigureData wide = new FigureData("dpo-beta", "β", "KL", true, false, null, java.util.List.of(new FigureData.Series("b",
        new double[] {0.01, 0.1, 0.5, 1}, new double[] {0.5, 0.3, 0.1, 0.05}, new double[] {0, 0, 0, 0}, 3)), java.util.List.of());
    assertThat(FigureRenderer.xyChart(wide).getStyler().isXAxisLogarithmicDecadeOnly()).isTrue();
  }

  @Test
  void legendEntriesNameTheSweptParameterWithoutItsPath() {
    assertThat(FigureRenderer.legendEntry(new FigureData.Series("algorithm.params.clip_eps_high = 0.28", new double[0],
        new double[0], new double[0], 4))).isEqualTo("clip_eps_high = 0.28 (4 trials)");
    assertThat(FigureRenderer.legendEntry(new FigureData.Series("variant = running-mean", new double[0], new double[0],
        new double[0], 1))).isEqualTo("variant = running-mean (1 trial)");
    assertThat(FigureRenderer.legendEntry(new FigureData.Series("eval/return", new double[0], new double[0], new double[0], 3)))
        .isEqualTo("eval/return (3 trials)");
  }
}
