package dev.rlx.algorithms.linear;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TileCoderTest {

  private final TileCoder coder = new TileCoder(8, 8, new double[] {-1.2, -0.07}, new double[] {0.5, 0.07});

  private int[] features(double x, double v, int action) {
    int[] active = new int[8];
    coder.activeFeatures(new double[] {x, v}, action, active);
    return active;
  }

  private int shared(int[] a, int[] b) {
    Set<Integer> set = new HashSet<>();
    Arrays.stream(a).forEach(set::add);
    return (int) Arrays.stream(b).filter(set::contains).count();
  }

  @Test
  void everyStateActivatesOneTilePerTilingInsideItsActionsBlock() {
    assertThat(coder.featureCount(3)).isEqualTo(3 * 8 * 9 * 9);
    SplittableRandom rng = new SplittableRandom(0);
    for (int i = 0; i < 1_000; i++) {
      int action = rng.nextInt(3);
      int[] active = features(-1.2 + 1.7 * rng.nextDouble(), -0.07 + 0.14 * rng.nextDouble(), action);
      for (int t = 0; t < 8; t++) {
        assertThat(active[t]).isBetween(action * 648 + t * 81, action * 648 + (t + 1) * 81 - 1);
      }
    }
    // The bounds themselves (and values past them, clamped) are coded too.
    assertThat(features(0.5, 0.07, 2)).doesNotHaveDuplicates();
    assertThat(features(9.0, -9.0, 0)).containsExactly(features(0.5, -0.07, 0));
  }

  @Test
  void generalisationFallsOffWithDistance() {
    int[] here = features(-0.5, 0.0, 1);
    // 1/8 of a tile apart: all but about one tiling agree; a whole tile apart in both: none.
    assertThat(shared(here, features(-0.5 + 1.7 / 64, 0.0, 1))).isGreaterThanOrEqualTo(7);
    assertThat(shared(here, features(-0.5 + 1.7 / 8, 0.14 / 8, 1))).isZero();
    assertThat(shared(here, features(-0.5, 0.0, 2))).isZero();
  }

  @Test
  void tilingsAreOffsetAsymmetrically() {
    // With the (1, 3) displacement, moving a tiling's worth along x or along v changes
    // different tilings: the coder does not just shift along the diagonal.
    int[] here = features(-0.5, 0.0, 0);
    int[] alongX = features(-0.5 + 1.7 / 64, 0.0, 0);
    int[] alongV = features(-0.5, 0.14 / 64, 0);
    assertThat(alongX).isNotEqualTo(alongV);
    assertThat(shared(here, alongX) + shared(here, alongV)).isLessThan(16);
  }

  @Test
  void rejectsUnboundedStateVariables() {
    assertThatThrownBy(() -> new TileCoder(8, 8, new double[] {0}, new double[] {Double.POSITIVE_INFINITY}))
        .hasMessageContaining("finite bounds");
  }
}
