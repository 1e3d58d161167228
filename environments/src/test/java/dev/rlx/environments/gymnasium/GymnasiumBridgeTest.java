package dev.rlx.environments.gymnasium;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.rlx.api.BatchedEnvironment.Batch;
import dev.rlx.api.ContinuousActionVectorEnvironment;
import dev.rlx.api.VectorEnvironment;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The bridge against real Gymnasium 1.3.0 and MuJoCo 3.14.0: spaces, seeding per copy as
 * Gymnasium's vector environments do, same-step autoreset with the final observation kept,
 * truncation vs termination, gym.make's keyword arguments, copies spread over workers.
 */
@Tag("gymnasium")
class GymnasiumBridgeTest {

  @Test
  void cartPoleIsDiscreteAndCopyIIsSeededSeedPlusIAsGymnasiumSeedsIt() {
    try (Gymnasium bridge = GymnasiumPython.bridge("CartPole-v1", 2, 60, Map.of())) {
      VectorEnvironment env = (VectorEnvironment) bridge.open();
      assertThat(env.actionCount()).isEqualTo(2);
      assertThat(env.observationSize()).isEqualTo(4);
      Batch batch = Batch.of(3, 4);
      env.reset(7, batch);
      String reference = GymnasiumPython.run(GymnasiumPython.python(), "-c",
          "import gymnasium as g\nfor i in range(3):\n  print(*g.make('CartPole-v1').reset(seed=7 + i)[0].tolist())");
      float[] expected = new float[12];
      String[] numbers = reference.split("\\s+");
      for (int i = 0; i < 12; i++) {
        expected[i] = Float.parseFloat(numbers[i]);
      }
      assertThat(batch.observations()).containsExactly(expected);
      assertThat(bridge.workerPids()).as("three copies over two workers").hasSize(2);
    }
  }

  @Test
  void anEndedCopyIsResetInTheSameStepAndItsFinalObservationKept() {
    try (Gymnasium bridge = GymnasiumPython.bridge("CartPole-v1")) {
      VectorEnvironment env = (VectorEnvironment) bridge.open();
      Batch batch = Batch.of(2, 4);
      env.reset(0, batch);
      int steps = 0;
      while (!batch.done(0) && steps < 500) {
        env.step(new int[] {1, 0}, batch); // always right: the pole falls within a few dozen steps
        steps++;
      }
      assertThat(batch.terminated()[0]).isTrue();
      assertThat(batch.truncated()[0]).isFalse();
      float[] last = Arrays.copyOfRange(batch.finalObservations(), 0, 4);
      assertThat(Math.abs(last[0]) > 2.4 || Math.abs(last[2]) > 12 * 2 * Math.PI / 360).as("ended beyond a threshold").isTrue();
      for (int k = 0; k < 4; k++) {
        assertThat(Math.abs(batch.observations()[k])).as("a new episode's start").isLessThanOrEqualTo(0.05f);
      }
      assertThat(batch.rewards()[0]).isEqualTo(1f);
    }
  }

  @Test
  void halfCheetahIsABoxOfSixTruncatedAtAThousandStepsOnTwoWorkers() {
    try (Gymnasium bridge = GymnasiumPython.bridge("HalfCheetah-v5", 2, 60, Map.of())) {
      ContinuousActionVectorEnvironment env = (ContinuousActionVectorEnvironment) bridge.open();
      assertThat(env.actionSize()).isEqualTo(6);
      assertThat(env.observationSize()).isEqualTo(17);
      assertThat(env.actionLow()).containsOnly(-1f);
      assertThat(env.actionHigh()).containsOnly(1f);
      Batch batch = Batch.of(2, 17);
      env.reset(1, batch);
      float[] actions = new float[12];
      Arrays.fill(actions, 5f); // beyond the box: clipped to 1 as Gymnasium's ClipAction would
      int truncatedAt = -1;
      for (int t = 1; t <= 1000; t++) {
        env.step(actions, batch);
        assertThat(batch.terminated()).containsOnly(false);
        if (batch.truncated()[0]) {
          truncatedAt = t;
          assertThat(batch.truncated()[1]).isTrue();
        }
      }
      assertThat(truncatedAt).isEqualTo(1000);
      assertThat(batch.finalObservations()).isNotEqualTo(batch.observations());
    }
  }

  @Test
  void boxActionsAreClippedToTheBoundsUnlessClipActionsIsOff() {
    for (boolean clip : new boolean[] {true, false}) {
      try (Gymnasium bridge = GymnasiumPython.bridge("MountainCarContinuous-v0", 1, 60, Map.of(), clip)) {
        ContinuousActionVectorEnvironment env = (ContinuousActionVectorEnvironment) bridge.open();
        Batch batch = Batch.of(1, 2);
        env.reset(0, batch);
        env.step(new float[] {1.5f}, batch);
        assertThat((double) batch.rewards()[0]).as("−0.1·a², a = %s", clip ? "1 (clipped)" : "1.5")
            .isCloseTo(clip ? -0.1 : -0.225, within(1e-6));
      }
    }
  }

  @Test
  void framesFarLargerThanAPipeBufferArriveWholeFromEveryWorker() {
    try (Gymnasium bridge = GymnasiumPython.bridge("rlx_test_envs:Frames-v0", 2, 60, Map.of())) {
      VectorEnvironment env = (VectorEnvironment) bridge.open();
      int d = 64 * 64 * 3;
      assertThat(env.observationSize()).isEqualTo(d);
      Batch batch = Batch.of(5, d); // 5 × 48 KiB of float32 per answer, over two workers
      env.reset(0, batch);
      for (int t = 1; t <= 300; t++) {
        env.step(new int[] {0, 1, 2, 0, 1}, batch);
        for (int i = 0; i < 5; i++) {
          float expected = t == 300 ? 0 : (t + i % 3) % 256; // truncated at 300: the next episode's first frame
          assertThat(batch.observations()[i * d]).isEqualTo(expected);
          assertThat(batch.observations()[i * d + d - 1]).isEqualTo(expected);
          assertThat(batch.rewards()[i]).isEqualTo((float) (i % 3));
        }
      }
      assertThat(batch.truncated()).containsOnly(true);
      assertThat(batch.finalObservations()[4 * d + 7]).isEqualTo((300 + 1) % 256);
    }
  }

  @Test
  void undeclaredParametersAreGymMakesKeywordArguments() {
    try (Gymnasium bridge = GymnasiumPython.bridge("CartPole-v1", 1, 60, Map.of("sutton_barto_reward", true))) {
      VectorEnvironment env = (VectorEnvironment) bridge.open();
      Batch batch = Batch.of(1, 4);
      env.reset(0, batch);
      do {
        env.step(new int[] {1}, batch);
        assertThat(batch.rewards()[0]).as("Sutton & Barto's reward: 0 per step, −1 at the end")
            .isEqualTo(batch.terminated()[0] ? -1f : 0f);
      } while (!batch.done(0));
    }
  }

  @Test
  void aCopyHasWorkersOfItsOwnWhileOpenAndCloseEndsEveryOne() {
    Gymnasium bridge = GymnasiumPython.bridge("Pendulum-v1");
    ContinuousActionVectorEnvironment env = (ContinuousActionVectorEnvironment) bridge.open();
    ContinuousActionVectorEnvironment evaluation = env.copy();
    Batch a = Batch.of(1, 3);
    Batch b = Batch.of(1, 3);
    env.reset(5, a);
    evaluation.reset(5, b);
    float[] start = b.observations().clone();
    assertThat(a.observations()).containsExactly(start);
    env.step(new float[] {2f}, a);
    evaluation.step(new float[] {-2f}, b);
    assertThat(a.observations()[2]).isNotEqualTo(b.observations()[2]);
    assertThat(a.rewards()[0]).isCloseTo(b.rewards()[0], within(1e-6f)); // the same start, and u² is the same for ±2
    var pids = bridge.workerPids();
    assertThat(pids).hasSize(2);

    evaluation.close(); // an evaluation's copy, done with: its worker waits for the next copy
    ContinuousActionVectorEnvironment next = env.copy();
    Batch c = Batch.of(1, 3);
    next.reset(5, c);
    assertThat(c.observations()).as("a reused worker's copy is reset as good as new").containsExactly(start);
    assertThat(bridge.workerPids()).as("no new process").containsExactlyInAnyOrderElementsOf(pids);

    bridge.close();
    assertThat(pids).allSatisfy(pid -> assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse());
  }
}
