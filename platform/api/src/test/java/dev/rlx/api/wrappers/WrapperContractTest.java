package dev.rlx.api.wrappers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rlx.api.ContinuousActionVectorEnvironment;
import dev.rlx.api.VectorEnvironment;
import dev.rlx.api.BatchedEnvironment.Batch;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** What holds for every wrapper and for stacks of them, under both decorators. */
class WrapperContractTest {

  private static final int COPIES = 4;
  private static final int D = ScriptedEnvironment.OBSERVATION_SIZE;

  /** Episode statistics, observation normalisation, reward scaling: the PPO stack. */
  private static VectorEnvironment discreteStack() {
    var stats = new TransformedVectorEnvironment<>(new ScriptedEnvironment(), new EpisodeStatistics());
    var normalized = new TransformedVectorEnvironment<>(stats, new ObservationNormalizer(D));
    return new TransformedVectorEnvironment<>(normalized, new RewardScaler(0.99));
  }

  private static ContinuousActionVectorEnvironment continuousStack() {
    var stats = new TransformedContinuousActionVectorEnvironment<>(new ScriptedEnvironment(), new EpisodeStatistics());
    var normalized = new TransformedContinuousActionVectorEnvironment<>(stats, new ObservationNormalizer(D));
    return new TransformedContinuousActionVectorEnvironment<>(normalized, new RewardScaler(0.99));
  }

  /** Both stacks side by side, reset from seed 0 and stepped together with all-zero actions. */
  private static final class Stacks {
    final VectorEnvironment discrete = discreteStack();
    final ContinuousActionVectorEnvironment continuous = continuousStack();
    final Batch a = Batch.of(COPIES, D);
    final Batch b = Batch.of(COPIES, D);
    private final int[] discreteActions = new int[COPIES];
    private final float[] continuousActions = new float[COPIES];

    Stacks() {
      discrete.reset(0, a);
      continuous.reset(0, b);
    }

    void step() {
      discrete.step(discreteActions, a);
      continuous.step(continuousActions, b);
    }
  }

  @Test
  void terminationAndTruncationPassThroughEveryWrapperUnchanged() {
    Stacks stacks = new Stacks();
    Batch a = stacks.a;
    Batch b = stacks.b;
    int terminations = 0;
    int truncations = 0;
    for (int t = 1; t <= 40; t++) {
      stacks.step();
      for (int i = 0; i < COPIES; i++) {
        assertThat(a.terminated()[i]).as("terminated, copy %d step %d", i, t).isEqualTo(ScriptedEnvironment.terminated(t, i));
        assertThat(a.truncated()[i]).as("truncated, copy %d step %d", i, t).isEqualTo(ScriptedEnvironment.truncated(t, i));
        terminations += a.terminated()[i] ? 1 : 0;
        truncations += a.truncated()[i] ? 1 : 0;
      }
      assertThat(b.terminated()).containsExactly(a.terminated());
      assertThat(b.truncated()).containsExactly(a.truncated());
      assertThat(b.observations()).containsExactly(a.observations());
      assertThat(b.rewards()).containsExactly(a.rewards());
    }
    assertThat(terminations).isEqualTo(10);
    assertThat(truncations).isEqualTo(8);
  }

  @Test
  void aStackOfWrappersStepsWithoutAllocating() {
    Stacks stacks = new Stacks();
    for (int t = 0; t < 10_000; t++) { // warm-up: let the JIT compile the steps
      stacks.step();
    }
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long thread = Thread.currentThread().getId();
    long before = threads.getThreadAllocatedBytes(thread);
    for (int t = 0; t < 10_000; t++) {
      stacks.step();
    }
    assertThat(threads.getThreadAllocatedBytes(thread) - before).as("bytes allocated by 20,000 wrapped steps")
        .isLessThan(1_024);
  }
}
