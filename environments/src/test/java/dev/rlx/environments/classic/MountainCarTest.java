package dev.rlx.environments.classic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.rlx.api.ContinuousStateEnvironment.Step;
import org.junit.jupiter.api.Test;

/** Mountain Car's dynamics as Sutton &amp; Barto Example 10.1 writes them. */
class MountainCarTest {

  private final MountainCar car = new MountainCar(new MountainCarParams(0));

  @Test
  void startsAtRestInTheValley() {
    for (long seed = 0; seed < 100; seed++) {
      double[] s = car.reset(seed);
      assertThat(s[0]).isBetween(-0.6, -0.4);
      assertThat(s[1]).isZero();
    }
    assertThat(car.reset(7)).containsExactly(new MountainCar(new MountainCarParams(0)).reset(7));
  }

  @Test
  void oneStepFollowsTheUpdateEquations() {
    double x = car.reset(3)[0];
    Step step = car.step(2); // full throttle forward, A = +1
    double velocity = 0.001 - 0.0025 * Math.cos(3 * x);
    assertThat(step.state()[1]).isCloseTo(velocity, within(1e-15));
    assertThat(step.state()[0]).isCloseTo(x + velocity, within(1e-15));
    assertThat(step.reward()).isEqualTo(-1.0);
    assertThat(step.done()).isFalse();
  }

  @Test
  void theLeftWallStopsTheCar() {
    // Reverse alone cannot climb the left hill either; rocking builds the speed to reach it.
    double[] s = car.reset(0);
    Step step = null;
    for (int t = 0; t < 1_000; t++) {
      step = car.step(s[1] <= 0 || s[0] > 0 ? 0 : 2); // never climb to the goal
      s = step.state();
      if (step.state()[0] == MountainCar.MIN_POSITION) {
        break;
      }
    }
    assertThat(step.state()[0]).isEqualTo(MountainCar.MIN_POSITION);
    assertThat(step.state()[1]).isZero();
  }

  @Test
  void fullThrottleAloneCannotClimbButRockingReachesTheGoal() {
    car.reset(1);
    for (int t = 0; t < 1_000; t++) {
      assertThat(car.step(2).done()).isFalse();
    }
    // Pump energy: push in the direction of motion (a classic ~100-step solution).
    double[] s = car.reset(1);
    int steps = 0;
    Step step;
    do {
      step = car.step(s[1] < 0 ? 0 : 2);
      s = step.state();
      steps++;
    } while (!step.done() && steps < 1_000);
    assertThat(step.terminated()).isTrue();
    assertThat(s[0]).isEqualTo(MountainCar.MAX_POSITION);
    assertThat(steps).isBetween(80, 200);
  }

  @Test
  void aTimeLimitTruncatesWithoutTerminating() {
    MountainCar limited = new MountainCar(new MountainCarParams(5));
    limited.reset(0);
    for (int t = 1; t < 5; t++) {
      assertThat(limited.step(1).done()).isFalse();
    }
    Step last = limited.step(1);
    assertThat(last.truncated()).isTrue();
    assertThat(last.terminated()).isFalse();
  }
}
