package dev.rlx.algorithms.rlhf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import dev.rlx.algorithms.deep.DjlRuntime;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** GRPO's group-relative advantages (§7.6) and DAPO's dynamic sampling and overlong shaping (§7.7). */
class GroupAdvantagesTest {

  // three groups of K = 4: mixed binary, all equal, one success of 3
  static final float[] REWARDS = {1, 0, 0, 1, 1, 1, 1, 1, 0, 0, 0, 3};

  @Nested
  class Advantages {

    @Test
    void standardiseEachGroupWithItsUnbiasedStd() {
      // group 1: mean ½, std = √(4·¼ / 3) = √(1/3) = 0.5773503 → ±½ / 0.5773503 = ±0.8660254
      // group 2: all equal → 0
      // group 3: mean ¾, Σ(r − ¾)² = 3·0.5625 + 2.25² = 6.75, std = √(6.75/3) = 1.5 → [−0.5, −0.5, −0.5, 1.5]
      float[] a = GroupAdvantages.compute(REWARDS, 4, GroupAdvantages.Scale.STD, GroupAdvantages.EPS);
      float h = 0.8660254f;
      float[] expected = {h, -h, -h, h, 0, 0, 0, 0, -0.5f, -0.5f, -0.5f, 1.5f};
      for (int k = 0; k < a.length; k++) {
        assertThat(a[k]).as("A[%d]", k).isCloseTo(expected[k], within(1e-6f));
      }
    }

    @Test
    void anAllEqualGroupGivesExactZerosEvenWhenItsMeanIsNotRepresentable() {
      // 0.1f·3 / 3 ≠ 0.1f in floating point: (r − mean)/(0 + ε) would be round-off/1e-8, not 0
      float[] a = GroupAdvantages.compute(new float[] {0.1f, 0.1f, 0.1f, 7, 7, 7}, 3, GroupAdvantages.Scale.STD, 1e-8);
      assertThat(a).containsOnly(0f);
    }

    @Test
    void theNdArrayVersionMatchesAndTheDrGrpoScaleOnlyCentres() {
      DjlRuntime.start(1);
      try (NDManager m = NDManager.newBaseManager()) {
        float[] a = GroupAdvantages.compute(m.create(REWARDS), 4).toFloatArray();
        assertThat(a[0]).isCloseTo(0.8660254f, within(1e-6f));
        assertThat(a[11]).isCloseTo(1.5f, within(1e-6f));
      }
      // Scale.NONE: r − mean, group 3 → [−0.75, −0.75, −0.75, 2.25]
      float[] c = GroupAdvantages.compute(REWARDS, 4, GroupAdvantages.Scale.NONE, 0);
      assertThat(c[8]).isCloseTo(-0.75f, within(1e-7f));
      assertThat(c[11]).isCloseTo(2.25f, within(1e-7f));
      assertThat(c[0]).isCloseTo(0.5f, within(1e-7f));
    }

    @Test
    void aGroupOfOneIsRejectedWithTheReason() {
      // K = 1: the lone completion is its own baseline, A ≡ 0 and the unbiased std is 0/0
      assertThatThrownBy(() -> GroupAdvantages.compute(new float[] {1, 0}, 1, GroupAdvantages.Scale.STD, 1e-8))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("groupSize must be ≥ 2");
      assertThatThrownBy(() -> GroupAdvantages.compute(new float[] {1, 0, 1}, 2, GroupAdvantages.Scale.STD, 1e-8))
          .hasMessageContaining("not a positive multiple of groupSize 2");
    }
  }

  @Test
  void dynamicSamplingKeepsOnlyGroupsWithSpread() {
    assertThat(GroupAdvantages.informativeGroups(REWARDS, 4)).containsExactly(true, false, true);
    assertThat(GroupAdvantages.informativeGroups(new float[] {0.1f, 0.1f, 0.1f}, 3)).containsExactly(false);
  }

  @ParameterizedTest(name = "|y| = {0} → {1}")
  @CsvSource({
      // L_max = 20, L_cache = 4: free up to 16, then (16 − |y|)/4 down to −1 at 20, −1 beyond
      "0, 0", "15, 0", "16, 0", "17, -0.25", "18, -0.5", "19, -0.75", "20, -1", "21, -1", "1000, -1"})
  void overlongPenaltyIsZeroThenLinearThenMinusOne(int length, double expected) {
    assertThat(OverlongPenalty.of(length, 20, 4)).isCloseTo(expected, within(1e-12));
  }

  @Test
  void overlongPenaltyRejectsACacheOutsideOneToLMax() {
    assertThatThrownBy(() -> OverlongPenalty.of(5, 20, 0)).hasMessageContaining("cacheLength");
    assertThatThrownBy(() -> OverlongPenalty.of(5, 20, 21)).hasMessageContaining("cacheLength");
    // L_cache = L_max: the whole range is the ramp
    assertThat(OverlongPenalty.of(10, 20, 20)).isCloseTo(-0.5, within(1e-12));
  }
}
