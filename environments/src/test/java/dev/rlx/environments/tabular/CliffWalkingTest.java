package dev.rlx.environments.tabular;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rlx.api.TabularEnvironment.Step;
import org.junit.jupiter.api.Test;

class CliffWalkingTest {

  private final CliffWalking cliff = new CliffWalking(new NoParams());

  @Test
  void stepsIntoTheCliffCostAHundredAndGoBackToTheStart() {
    assertThat(cliff.reset(0)).isEqualTo(36);
    assertThat(cliff.step(1)).isEqualTo(new Step(36, -100.0, false, false));
  }

  @Test
  void theOptimalPathAlongTheEdgeReturnsMinusThirteen() {
    cliff.reset(0);
    double total = cliff.step(0).reward();
    for (int i = 0; i < 11; i++) {
      total += cliff.step(1).reward();
    }
    Step last = cliff.step(2);
    total += last.reward();
    assertThat(last).isEqualTo(new Step(CliffWalking.GOAL, -1.0, true, false));
    assertThat(total).isEqualTo(-13.0);
  }

  @Test
  void movesOffTheGridStayInPlace() {
    cliff.reset(0);
    assertThat(cliff.step(3)).isEqualTo(new Step(36, -1.0, false, false));
    assertThat(cliff.step(2)).isEqualTo(new Step(36, -1.0, false, false));
    cliff.step(0);
    cliff.step(0);
    cliff.step(0);
    assertThat(cliff.step(0)).isEqualTo(new Step(0, -1.0, false, false));
  }
}
