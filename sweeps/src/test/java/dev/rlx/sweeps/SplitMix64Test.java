package dev.rlx.sweeps;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SplitMix64Test {

  @Test
  void matchesTheReferenceSequenceForSeedZero() {
    // First outputs of Vigna's splitmix64.c with x = 0.
    SplitMix64 rng = new SplitMix64(0);
    assertThat(rng.nextLong()).isEqualTo(0xE220A8397B1DCDAFL);
    assertThat(rng.nextLong()).isEqualTo(0x6E789E6AA1B965F4L);
    assertThat(rng.nextLong()).isEqualTo(0x06C45D188009454FL);
  }

  @Test
  void boundedDrawsStayInRangeAndCoverIt() {
    SplitMix64 rng = new SplitMix64(42);
    int[] counts = new int[7];
    for (int i = 0; i < 70_000; i++) {
      counts[(int) rng.nextLong(7)]++;
    }
    for (int count : counts) {
      assertThat(count).isBetween(9_000, 11_000);
    }
  }

  @Test
  void doublesLieInTheUnitInterval() {
    SplitMix64 rng = new SplitMix64(7);
    for (int i = 0; i < 10_000; i++) {
      assertThat(rng.nextDouble()).isGreaterThanOrEqualTo(0.0).isLessThan(1.0);
    }
  }
}
