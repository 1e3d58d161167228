package dev.rlx.environments.classic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rlx.api.BatchedEnvironment.Batch;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every vectorised classic-control environment promises: Gymnasium's time limit as
 * truncation (not termination), same-step autoreset keeping the last observation, seeding
 * copy i with seed + i, determinism, and steps that allocate nothing.
 */
class VectorEnvironmentContractTest {

  /** An environment built with a given time limit, and how its start observations look. */
  record Case(String name, IntFunction<VectorEnvironmentHarness> withTimeLimit, Predicate<float[]> isStartObservation) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static final int COPIES = 8;

  static Stream<Case> environments() {
    return Stream.of(
        new Case("CartPole-v1", limit -> VectorEnvironmentHarness.discrete("CartPole-v1",
            new CartPole(new CartPoleParams(limit)), COPIES), o -> allWithin(o, 0.05f)),
        new Case("Acrobot-v1", limit -> VectorEnvironmentHarness.discrete("Acrobot-v1",
            new Acrobot(new AcrobotParams(limit)), COPIES),
            o -> o[0] >= Math.cos(0.1) - 1e-6 && Math.abs(o[1]) <= Math.sin(0.1) + 1e-6 && o[2] >= Math.cos(0.1) - 1e-6
                && Math.abs(o[3]) <= Math.sin(0.1) + 1e-6 && Math.abs(o[4]) <= 0.1f && Math.abs(o[5]) <= 0.1f),
        new Case("MountainCar-v0", limit -> VectorEnvironmentHarness.discrete("MountainCar-v0",
            new MountainCarV0(new MountainCarV0Params(limit, 0)), COPIES), VectorEnvironmentContractTest::carAtRest),
        new Case("MountainCarContinuous-v0", limit -> VectorEnvironmentHarness.continuous("MountainCarContinuous-v0",
            new MountainCarContinuous(new MountainCarContinuousParams(limit, 0)), COPIES),
            VectorEnvironmentContractTest::carAtRest),
        new Case("Pendulum-v1", limit -> VectorEnvironmentHarness.continuous("Pendulum-v1",
            new Pendulum(new PendulumParams(10.0, limit)), COPIES),
            o -> Math.abs(o[0] * o[0] + o[1] * o[1] - 1) < 1e-6 && Math.abs(o[2]) <= 1f));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("environments")
  void isTruncatedNotTerminatedAtTheTimeLimitAndRestartsAtOnce(Case c) {
    VectorEnvironmentHarness limited = c.withTimeLimit().apply(5);
    VectorEnvironmentHarness unlimited = c.withTimeLimit().apply(1_000);
    Batch batch = limited.batch(3);
    Batch twin = unlimited.batch(3);
    limited.reset(4, batch);
    unlimited.reset(4, twin);
    SplittableRandom actions = new SplittableRandom(9);
    SplittableRandom twinActions = new SplittableRandom(9);
    for (int t = 1; t <= 5; t++) {
      limited.randomStep(actions, batch);
      unlimited.randomStep(twinActions, twin);
      for (int i = 0; i < 3; i++) {
        assertThat(batch.terminated()[i]).as("copy %d terminated at step %d", i, t).isFalse();
        assertThat(batch.truncated()[i]).as("copy %d truncated at step %d", i, t).isEqualTo(t == 5);
      }
    }
    int d = limited.observationSize();
    // The episode's last observation is kept for bootstrapping; the copy has already restarted.
    assertThat(batch.finalObservations()).containsExactly(twin.observations());
    for (int i = 0; i < 3; i++) {
      float[] row = Arrays.copyOfRange(batch.observations(), i * d, (i + 1) * d);
      assertThat(c.isStartObservation().test(row)).as("copy %d restarted: %s", i, Arrays.toString(row)).isTrue();
    }
    limited.randomStep(actions, batch);
    assertThat(batch.truncated()).containsOnly(false); // the time limit counts from the restart
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("environments")
  void startsEachCopyFromItsOwnSeedAndRepeatsItself(Case c) {
    VectorEnvironmentHarness env = c.withTimeLimit().apply(50);
    Batch three = env.batch(3);
    Batch single = env.batch(1);
    env.reset(10, three);
    VectorEnvironmentHarness other = env.copy();
    other.reset(12, single); // copy 2 of seed 10 is seeded 12
    int d = env.observationSize();
    assertThat(Arrays.copyOfRange(three.observations(), 2 * d, 3 * d)).containsExactly(single.observations());
    for (int i = 0; i < 3; i++) {
      assertThat(c.isStartObservation().test(Arrays.copyOfRange(three.observations(), i * d, (i + 1) * d))).isTrue();
    }

    Batch a = env.batch(COPIES);
    Batch b = env.batch(COPIES);
    env.reset(3, a);
    other.reset(3, b);
    SplittableRandom actionsA = new SplittableRandom(5);
    SplittableRandom actionsB = new SplittableRandom(5);
    for (int t = 0; t < 300; t++) {
      env.randomStep(actionsA, a);
      other.randomStep(actionsB, b);
      assertThat(a).as("step %d", t).usingRecursiveComparison().isEqualTo(b);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("environments")
  void stepsAllocateNothing(Case c) {
    VectorEnvironmentHarness env = c.withTimeLimit().apply(100);
    Batch batch = env.batch(COPIES);
    env.reset(1, batch);
    SplittableRandom actions = new SplittableRandom(2);
    for (int t = 0; t < 10_000; t++) { // warm-up: let the JIT compile the step
      env.randomStep(actions, batch);
    }
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long thread = Thread.currentThread().getId();
    long before = threads.getThreadAllocatedBytes(thread);
    for (int t = 0; t < 10_000; t++) { // 80,000 copy-steps, with autoresets every 100 steps
      env.randomStep(actions, batch);
    }
    long allocated = threads.getThreadAllocatedBytes(thread) - before;
    assertThat(allocated).as("bytes allocated by 10,000 steps of %s", c).isLessThan(1_024);
  }

  private static boolean allWithin(float[] o, float bound) {
    for (float x : o) {
      if (Math.abs(x) > bound) {
        return false;
      }
    }
    return true;
  }

  private static boolean carAtRest(float[] o) {
    return o[0] >= -0.6f && o[0] <= -0.4f && o[1] == 0f;
  }
}
