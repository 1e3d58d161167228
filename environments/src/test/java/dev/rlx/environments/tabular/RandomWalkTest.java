package dev.rlx.environments.tabular;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.rlx.api.TabularEnvironment.Step;
import org.junit.jupiter.api.Test;

class RandomWalkTest {

  @Test
  void nineteenStatesWithMinusOneAndPlusOneHaveLinearTrueValues() {
    // Sutton & Barto §7.1: v(s_i) = i/10 − 1 for i = 1..19 (here indexed from 0).
    double[] v = new RandomWalk(new RandomWalkParams(19, -1.0, 1.0)).trueStateValues(1.0);
    for (int i = 0; i < 19; i++) {
      assertThat(v[i]).isCloseTo((i + 1) / 10.0 - 1.0, within(1e-12));
    }
  }

  @Test
  void fiveStatesWithZeroAndOneHaveValuesOneSixthToFiveSixths() {
    // Example 6.2: v(A..E) = 1/6 … 5/6.
    double[] v = new RandomWalk(new RandomWalkParams(5, 0.0, 1.0)).trueStateValues(1.0);
    assertThat(v).containsExactly(new double[] {1 / 6.0, 2 / 6.0, 3 / 6.0, 4 / 6.0, 5 / 6.0}, within(1e-12));
  }

  @Test
  void discountedTrueValuesSatisfyTheBellmanEquation() {
    double gamma = 0.9;
    double[] v = new RandomWalk(new RandomWalkParams(7, -1.0, 1.0)).trueStateValues(gamma);
    for (int s = 0; s < 7; s++) {
      double left = s == 0 ? -1.0 : gamma * v[s - 1];
      double right = s == 6 ? 1.0 : gamma * v[s + 1];
      assertThat(v[s]).isCloseTo(0.5 * left + 0.5 * right, within(1e-12));
    }
  }

  @Test
  void startsInTheMiddleAndTerminatesOffEitherEnd() {
    RandomWalk walk = new RandomWalk(new RandomWalkParams(5, 0.0, 1.0));
    assertThat(walk.reset(3)).isEqualTo(2);
    assertThat(walk.step(1)).isEqualTo(new Step(3, 0.0, false, false));
    assertThat(walk.step(1)).isEqualTo(new Step(4, 0.0, false, false));
    assertThat(walk.step(1)).isEqualTo(new Step(4, 1.0, true, false));
    walk.reset();
    walk.step(0);
    walk.step(0);
    assertThat(walk.step(0)).isEqualTo(new Step(0, 0.0, true, false));
  }
}
