package dev.rlx.environments.classic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.rlx.api.BatchedEnvironment;
import dev.rlx.api.BatchedEnvironment.Batch;
import dev.rlx.api.ContinuousActionVectorEnvironment;
import dev.rlx.api.VectorEnvironment;
import dev.rlx.environments.gymnasium.Gymnasium;
import dev.rlx.environments.gymnasium.GymnasiumPython;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The Java ports against the same environments in real Gymnasium, through the bridge, step
 * for step: before every step the Java copy is put in the state the bridge's copy shows, both
 * take the same random action, and the next observation, the reward and the flags must agree
 * (to float32 precision: the bridge's states are float64, the observations float32). A copy
 * that ends is checked on its final observation, and both carry on from the bridge's new
 * episode. Agreement proves both sides: the ports' physics and the bridge's step, reset and
 * truncation. Actions reach Gymnasium unclipped ({@code clip_actions: false}), as they reach the
 * ports: MountainCarContinuous penalises the action as given. Termination and truncation come from each side's own counters and thresholds.
 */
@Tag("gymnasium")
class BridgeCrossCheckTest {

  private static final int COPIES = 3;

  @Test
  void cartPoleAgreesWithGymnasiumStepForStep() {
    CartPole port = new CartPole(new CartPoleParams(500));
    crossCheck("CartPole-v1", port, 2_000, (obs, copy) -> port.setState(copy, obs[0], obs[1], obs[2], obs[3]),
        (rng, t) -> ((VectorEnvironment) t.bridgeEnv).step(t.discrete(rng, 2), t.bridgeBatch),
        t -> port.step(t.lastDiscrete, t.javaBatch));
  }

  @Test
  void pendulumAgreesWithGymnasiumStepForStepAndIsTruncatedAtTwoHundred() {
    Pendulum port = new Pendulum(new PendulumParams(10.0, 200));
    crossCheck("Pendulum-v1", port, 1_000, (obs, copy) -> port.setState(copy, Math.atan2(obs[1], obs[0]), obs[2]),
        (rng, t) -> ((ContinuousActionVectorEnvironment) t.bridgeEnv).step(t.continuous(rng, 3f), t.bridgeBatch),
        t -> port.step(t.lastContinuous, t.javaBatch));
  }

  @Test
  void mountainCarContinuousAgreesWithGymnasiumStepForStepAndIsTruncatedAt999() {
    MountainCarContinuous port = new MountainCarContinuous(new MountainCarContinuousParams(999, 0));
    crossCheck("MountainCarContinuous-v0", port, 2_500, (obs, copy) -> port.setState(copy, obs[0], obs[1]),
        (rng, t) -> ((ContinuousActionVectorEnvironment) t.bridgeEnv).step(t.continuous(rng, 1.5f), t.bridgeBatch),
        t -> port.step(t.lastContinuous, t.javaBatch));
  }

  /** The two sides of one cross-check and the last actions both took. */
  private static final class Trial {
    BatchedEnvironment bridgeEnv;
    Batch bridgeBatch;
    Batch javaBatch;
    int[] lastDiscrete;
    float[] lastContinuous;

    int[] discrete(SplittableRandom rng, int n) {
      lastDiscrete = new int[COPIES];
      for (int i = 0; i < COPIES; i++) {
        lastDiscrete[i] = rng.nextInt(n);
      }
      return lastDiscrete;
    }

    /** Uniform in ±{@code range}: beyond the bounds sometimes, so both sides' clipping is compared too. */
    float[] continuous(SplittableRandom rng, float range) {
      lastContinuous = new float[COPIES];
      for (int i = 0; i < COPIES; i++) {
        lastContinuous[i] = (float) (rng.nextDouble(-range, range));
      }
      return lastContinuous;
    }
  }

  private static void crossCheck(String id, ClassicControlCopies port, int steps, BiConsumer<double[], Integer> setState,
      BiConsumer<SplittableRandom, Trial> stepBridge, Consumer<Trial> stepJava) {
    int d = port.observationSize();
    try (Gymnasium bridge = GymnasiumPython.bridge(id, 2, 60, java.util.Map.of(), false)) {
      Trial t = new Trial();
      t.bridgeEnv = (BatchedEnvironment) bridge.open();
      t.bridgeBatch = Batch.of(COPIES, d);
      t.javaBatch = Batch.of(COPIES, d);
      t.bridgeEnv.reset(42, t.bridgeBatch);
      port.reset(42, t.javaBatch);
      SplittableRandom rng = new SplittableRandom(1);
      int ends = 0;
      int truncations = 0;
      for (int step = 0; step < steps; step++) {
        for (int i = 0; i < COPIES; i++) {
          setState.accept(row(t.bridgeBatch.observations(), i, d), i);
        }
        stepBridge.accept(rng, t);
        stepJava.accept(t);
        for (int i = 0; i < COPIES; i++) {
          String at = id + " step " + step + " copy " + i;
          assertThat(t.javaBatch.terminated()[i]).as(at + " terminated").isEqualTo(t.bridgeBatch.terminated()[i]);
          assertThat(t.javaBatch.truncated()[i]).as(at + " truncated").isEqualTo(t.bridgeBatch.truncated()[i]);
          assertThat((double) t.javaBatch.rewards()[i]).as(at + " reward").isCloseTo(t.bridgeBatch.rewards()[i], within(1e-4));
          float[] from = t.bridgeBatch.done(i) ? t.bridgeBatch.finalObservations() : t.bridgeBatch.observations();
          float[] mine = t.javaBatch.done(i) ? t.javaBatch.finalObservations() : t.javaBatch.observations();
          for (int k = 0; k < d; k++) {
            assertThat((double) mine[i * d + k]).as(at + " observation " + k).isCloseTo(from[i * d + k], within(1e-4));
          }
          if (t.bridgeBatch.done(i)) {
            ends++;
            truncations += t.bridgeBatch.truncated()[i] ? 1 : 0;
          }
        }
      }
      assertThat(ends).as("episodes ended on both sides alike").isPositive();
      if (!id.startsWith("CartPole")) {
        assertThat(truncations).as("time limits reached on both sides alike").isPositive();
      }
    }
  }

  private static double[] row(float[] values, int i, int d) {
    double[] out = new double[d];
    for (int k = 0; k < d; k++) {
      out[k] = values[i * d + k];
    }
    return out;
  }
}
