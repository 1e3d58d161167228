package dev.rlx.core.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.rlx.core.model.Figure;
import dev.rlx.core.plan.ExperimentPlan;
import dev.rlx.core.plan.TestPlanners;
import dev.rlx.core.store.MetricRow;
import dev.rlx.sweeps.TrialSpec;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FigureDataTest {

  private static final ExperimentPlan PLAN = TestPlanners.shipped().plan(TestPlanners.tdLambdaOnTheWalk("figures", 3) + """
          sweep:
            grid: {algorithm.params.lambda: [0.0, 1.0]}
            seeds: 3
          report:
            figures:
              - {kind: curve, x: episodes, y: m, by: algorithm.params.lambda}
              - {kind: final, x: algorithm.params.lambda, y: m, summary: mean}
              - {kind: curve, x: episodes, y: m, smooth: 2, y_range: [0, 10]}
              - {kind: curve, x: episodes, y: m, bins: 2}
          """, "figures.yaml", 100).plan().orElseThrow();

  private static final ExperimentPlan VARIANTS = TestPlanners.shipped().plan(TestPlanners.tdLambdaOnTheWalk("categories", 3) + """
          sweep:
            variants:
              low: {algorithm.params.lambda: 0.0}
              high: {algorithm.params.lambda: 1.0}
            seeds: 3
          report:
            figures:
              - {kind: final, x: variant, y: m, summary: final}
          """, "categories.yaml", 100).plan().orElseThrow();

  /** Trial with λ, seed s logs m = 10·λ + s + step at steps 1..3. */
  private static final TrialMetrics METRICS = (id, key) -> {
    TrialSpec t = PLAN.trials().stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
    double lambda = t.config().at("/algorithm/params/lambda").asDouble();
    List<MetricRow> rows = new ArrayList<>();
    for (int step = 1; step <= 3; step++) {
      rows.add(new MetricRow("m", step, 10 * lambda + t.seed() + step, step));
    }
    return Optional.of(rows);
  };

  private static Figure figure(int i) {
    return PLAN.spec().figures().get(i);
  }

  @Test
  void curvesAverageEachStepOverSeeds() {
    FigureData data = FigureData.of(PLAN, figure(0), METRICS);
    assertThat(data.series()).extracting(FigureData.Series::name)
        .containsExactly("algorithm.params.lambda = 0.0", "algorithm.params.lambda = 1.0");
    FigureData.Series one = data.series().get(1);
    assertThat(one.x()).containsExactly(1, 2, 3);
    // seeds 0, 1, 2 → mean offset 1, sample std 1, t(2) = 4.303.
    assertThat(one.mean()).containsExactly(new double[] {12, 13, 14}, within(1e-12));
    assertThat(one.ci95()[0]).isCloseTo(4.303 / Math.sqrt(3), within(1e-9));
    assertThat(one.trials()).isEqualTo(3);
    assertThat(data.xLabel()).isEqualTo("episodes");
  }

  @Test
  void finalFiguresPlotTheSummaryAgainstTheSweptValue() {
    FigureData data = FigureData.of(PLAN, figure(1), METRICS);
    assertThat(data.series()).singleElement().satisfies(s -> {
      assertThat(s.x()).containsExactly(0, 1);
      // mean over steps (2) + mean seed (1) + 10·λ
      assertThat(s.mean()).containsExactly(new double[] {3, 13}, within(1e-12));
    });
  }

  @Test
  void smoothingIsATrailingMovingAverage() {
    FigureData data = FigureData.of(PLAN, figure(2), METRICS);
    FigureData.Series s = data.series().get(0);
    // all six trials: means 7, 8, 9 at steps 1..3 (10·λ + seed + step); window 2.
    assertThat(s.mean()).containsExactly(new double[] {7.0, 7.5, 8.5}, within(1e-12));
    assertThat(data.yRange()).containsExactly(0, 10);
  }

  @Test
  void binnedCurvesAverageEachTrialWithinABinThenOverTrials() {
    // steps 1..3 in 2 bins of width 1: bin 1 holds step 1, bin 2 steps 2 and 3 (the last edge is inclusive)
    FigureData.Series s = FigureData.of(PLAN, figure(3), METRICS).series().get(0);
    assertThat(s.x()).containsExactly(2.0, 3.0);
    // over all 6 trials: mean of 10λ + seed is 5 + 1 = 6; bin 1 adds step 1, bin 2 the mean of steps 2, 3
    assertThat(s.mean()).containsExactly(new double[] {6 + 1, 6 + 2.5}, within(1e-12));
    assertThat(s.trials()).isEqualTo(6);
  }

  @Test
  void curvesOfTrialsThatLogAtDifferentStepsAreBinnedWithoutBeingAsked() {
    // Evaluations every ~10 steps that land a little differently per trial: seed s logs at 10k + s.
    TrialMetrics shifted = (id, key) -> {
      TrialSpec t = PLAN.trials().stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
      List<MetricRow> rows = new ArrayList<>();
      for (int k = 0; k <= 3; k++) {
        rows.add(new MetricRow("m", 10L * k + (k == 0 ? 0 : t.seed()), k, 0));
      }
      return Optional.of(rows);
    };
    FigureData.Series s = FigureData.of(PLAN, figure(0), shifted).series().get(0);
    // 4 points a trial → 4 bins over steps 0..32 (width 8); each bin holds one point of every trial, value k
    assertThat(s.x()).hasSize(4);
    assertThat(s.mean()).containsExactly(new double[] {0, 1, 2, 3}, within(1e-12));
    // trials that share their steps keep them
    assertThat(FigureData.of(PLAN, figure(0), METRICS).series().get(0).x()).containsExactly(1, 2, 3);
  }

  @Test
  void finalFiguresOverVariantsAreCategoriesInPlanOrder(@TempDir Path dir) throws Exception {
    TrialMetrics metrics = (id, key) -> {
      TrialSpec t = VARIANTS.trials().stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
      return Optional.of(List.of(new MetricRow("m", 1, 10 * t.config().at("/algorithm/params/lambda").asDouble() + t.seed(), 1)));
    };
    FigureData data = FigureData.of(VARIANTS, VARIANTS.spec().figures().get(0), metrics);
    assertThat(data.xCategories()).containsExactly("low", "high");
    assertThat(data.series()).singleElement().satisfies(s -> {
      assertThat(s.x()).containsExactly(1.0, 2.0);
      assertThat(s.mean()).containsExactly(1.0, 11.0); // seeds 0, 1, 2 average to 1
    });
    Path png = FigureRenderer.render(data, dir.resolve("bars"));
    assertThat(ImageIO.read(png.toFile()).getWidth()).isEqualTo(900);
    assertThat(dir.resolve("bars.svg")).isNotEmptyFile();
  }

  @Test
  void rendersPngAndSvg(@TempDir Path dir) throws Exception {
    Path png = FigureRenderer.render(FigureData.of(PLAN, figure(0), METRICS), dir.resolve("figure"));
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isEqualTo(900);
    assertThat(image.getHeight()).isEqualTo(560);
    assertThat(Files.readString(dir.resolve("figure.svg"))).startsWith("<?xml").contains("<svg");
  }

  @Test
  void leavesOutPointsThatCannotBeDrawn() {
    TrialMetrics diverged = (id, key) -> Optional.of(List.of(new MetricRow("m", 1, 1.0, 0),
        new MetricRow("m", 2, Double.POSITIVE_INFINITY, 0)));
    FigureData data = FigureData.of(PLAN, figure(2), diverged);
    assertThat(data.series().get(0).x()).containsExactly(1);
  }
}
