package dev.rlx.algorithms.deep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ScheduleTest {

  @Test
  void linearInterpolatesThenHoldsTheEndValue() {
    Schedule epsilon = Schedule.linear(1.0, 0.05);
    assertThat(epsilon.at(0.0)).isEqualTo(1.0);
    assertThat(epsilon.at(5_000, 10_000)).isCloseTo(0.525, within(1e-12));
    assertThat(epsilon.at(20_000, 10_000)).isEqualTo(0.05);
    assertThat(epsilon.at(-1.0)).isEqualTo(1.0);
  }

  @Test
  void exponentialDecaysGeometrically() {
    Schedule lr = Schedule.exponential(1e-3, 1e-5);
    assertThat(lr.at(0.5)).isCloseTo(1e-4, within(1e-12));
    assertThat(lr.at(0.25) / lr.at(0.0)).isCloseTo(lr.at(0.75) / lr.at(0.5), within(1e-12)); // constant ratio per step
    assertThat(lr.at(2.0)).isCloseTo(1e-5, within(1e-15));
    assertThatThrownBy(() -> Schedule.exponential(0, 1)).hasMessageContaining("positive");
  }

  @Test
  void constantIsConstant() {
    assertThat(Schedule.constant(3e-4).at(0.7)).isEqualTo(3e-4);
  }
}
