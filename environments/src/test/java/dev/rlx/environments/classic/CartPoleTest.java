package dev.rlx.environments.classic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.rlx.api.BatchedEnvironment.Batch;
import org.junit.jupiter.api.Test;

/** CartPole-v1 against Gymnasium's equations, worked by hand from a known state. */
class CartPoleTest {

  private final CartPole env = new CartPole(new CartPoleParams(500));

  @Test
  void resetsEachCopyUniformlyWithinFiveHundredthsFromItsOwnSeed() {
    Batch a = Batch.of(3, 4);
    Batch b = Batch.of(3, 4);
    env.reset(10, a);
    new CartPole(new CartPoleParams(500)).reset(10, b);
    assertThat(a.observations()).containsExactly(b.observations());
    for (float x : a.observations()) {
      assertThat(x).isBetween(-0.05f, 0.05f);
    }
    Batch single = Batch.of(1, 4);
    new CartPole(new CartPoleParams(500)).reset(12, single); // copy 2 of seed 10 is seeded 12
    assertThat(java.util.Arrays.copyOfRange(a.observations(), 8, 12)).containsExactly(single.observations());
  }

  @Test
  void oneStepFollowsTheEulerUpdate() {
    Batch batch = Batch.of(1, 4);
    env.reset(7, batch);
    float[] s = batch.observations().clone();
    double x = s[0], xDot = s[1], theta = s[2], thetaDot = s[3];
    env.step(new int[] {1}, batch);
    // Gymnasium: temp = (F + m_p l θ̇² sin θ)/M; θ̈ = (g sin θ − cos θ · temp)/(l (4/3 − m_p cos²θ / M)); ẍ = temp − m_p l θ̈ cos θ / M
    double temp = (10.0 + 0.05 * thetaDot * thetaDot * Math.sin(theta)) / 1.1;
    double thetaAcc = (9.8 * Math.sin(theta) - Math.cos(theta) * temp) / (0.5 * (4.0 / 3.0 - 0.1 * Math.cos(theta) * Math.cos(theta) / 1.1));
    double xAcc = temp - 0.05 * thetaAcc * Math.cos(theta) / 1.1;
    float[] expected = {(float) (x + 0.02 * xDot), (float) (xDot + 0.02 * xAcc), (float) (theta + 0.02 * thetaDot),
        (float) (thetaDot + 0.02 * thetaAcc)};
    assertThat(batch.observations()).containsExactly(expected, within(1e-6f));
    assertThat(batch.rewards()[0]).isEqualTo(1f);
    assertThat(batch.done(0)).isFalse();
  }

  @Test
  void pushingOneWayTipsThePoleWithinTenStepsAndTheCopyRestarts() {
    Batch batch = Batch.of(1, 4);
    env.reset(0, batch);
    int steps = 0;
    do {
      env.step(new int[] {1}, batch);
      steps++;
    } while (!batch.done(0));
    assertThat(steps).isBetween(7, 12);
    assertThat(batch.terminated()[0]).isTrue();
    assertThat(batch.rewards()[0]).isEqualTo(1f); // the last step earns +1 too
    float[] last = batch.finalObservations();
    assertThat(Math.abs(last[2]) > CartPole.THETA_THRESHOLD || Math.abs(last[0]) > CartPole.X_THRESHOLD).isTrue();
    for (float x : batch.observations()) {
      assertThat(x).isBetween(-0.05f, 0.05f); // autoreset: already the next episode's first observation
    }
  }

  @Test
  void aBalancingPolicyIsTruncatedAtTheTimeLimitNotTerminated() {
    CartPole short50 = new CartPole(new CartPoleParams(50));
    Batch batch = Batch.of(1, 4);
    short50.reset(1, batch);
    for (int t = 1; t <= 50; t++) {
      float[] o = batch.observations();
      short50.step(new int[] {o[2] + 0.5f * o[3] > 0 ? 1 : 0}, batch); // push under the falling pole
      if (t < 50) {
        assertThat(batch.done(0)).as("step %d", t).isFalse();
      }
    }
    assertThat(batch.truncated()[0]).isTrue();
    assertThat(batch.terminated()[0]).isFalse();
  }
}
