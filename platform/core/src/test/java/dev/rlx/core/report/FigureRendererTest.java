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

  @Test
  void aShortTitleIsKeptAsItIs() {
    System.setProperty("java.awt.headless", "true");
    XYChart chart = new XYChartBuilder().width(900).height(560).build();
    float size = chart.getStyler().getChartTitleFont().getSize2D();
    assertThat(FigureRenderer.fitTitle(chart.getStyler(), "gae-lambda: eval/return", 900, java.util.List.of())).isEqualTo("gae-lambda: eval/return");
    assertThat(chart.getStyler().getChartTitleFont().getSize2D()).isEqualTo(size);
  }

  @Test
  void aLongTitleShrinksThenLosesItsEndNeverItsStart() {
    System.setProperty("java.awt.headless", "true");
    XYChart chart = new XYChartBuilder().width(900).height(560).build();
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
    System.setProperty("java.awt.headless", "true");
    XYChart chart = new XYChartBuilder().width(900).height(560).build();
    String title = "rlhf-pipeline: eval/kl_ref — cf. reward-model reward, true reward and KL to the SFT policy, per β";
    String alone = FigureRenderer.fitTitle(chart.getStyler(), title, 900, java.util.List.of());
    int aloneWidth = width(chart, alone);
    String withLegend = FigureRenderer.fitTitle(chart.getStyler(), title, 900,
        java.util.List.of("algorithm.params.beta = 0.02 (3 trials)", "algorithm.params.beta = 1.0 (3 trials)"));
    assertThat(withLegend).startsWith("rlhf-pipeline: eval/kl_ref");
    assertThat(width(chart, withLegend)).isLessThan(aloneWidth).isLessThanOrEqualTo(900 - 300);
  }
}
