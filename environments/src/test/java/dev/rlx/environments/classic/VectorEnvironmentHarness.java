package dev.rlx.environments.classic;

import dev.rlx.api.BatchedEnvironment;
import dev.rlx.api.ContinuousActionVectorEnvironment;
import dev.rlx.api.VectorEnvironment;
import dev.rlx.api.BatchedEnvironment.Batch;
import java.util.SplittableRandom;

/**
 * Drives a discrete- or continuous-action vector environment with random actions from a
 * pre-allocated action array, so tests of the shared contract (time limit, autoreset,
 * determinism, no allocation) read the same for all of them.
 */
abstract class VectorEnvironmentHarness {

  final String name;
  private final BatchedEnvironment env;

  private VectorEnvironmentHarness(String name, BatchedEnvironment env) {
    this.name = name;
    this.env = env;
  }

  int observationSize() {
    return env.observationSize();
  }

  void reset(long seed, Batch batch) {
    env.reset(seed, batch);
  }

  /** One step with uniformly random actions drawn from {@code rng}. */
  abstract void randomStep(SplittableRandom rng, Batch batch);

  /** The same environment with a fresh state. */
  abstract VectorEnvironmentHarness copy();

  Batch batch(int size) {
    return Batch.of(size, observationSize());
  }

  @Override
  public String toString() {
    return name;
  }

  static VectorEnvironmentHarness discrete(String name, VectorEnvironment env, int maxCopies) {
    int[] actions = new int[maxCopies];
    return new VectorEnvironmentHarness(name, env) {
      @Override
      void randomStep(SplittableRandom rng, Batch batch) {
        for (int i = 0; i < batch.size(); i++) {
          actions[i] = rng.nextInt(env.actionCount());
        }
        env.step(actions, batch);
      }

      @Override
      VectorEnvironmentHarness copy() {
        return discrete(name, env.copy(), maxCopies);
      }
    };
  }

  static VectorEnvironmentHarness continuous(String name, ContinuousActionVectorEnvironment env, int maxCopies) {
    float[] actions = new float[maxCopies * env.actionSize()];
    float[] low = env.actionLow();
    float[] high = env.actionHigh();
    return new VectorEnvironmentHarness(name, env) {
      @Override
      void randomStep(SplittableRandom rng, Batch batch) {
        int m = env.actionSize();
        for (int i = 0; i < batch.size() * m; i++) {
          int k = i % m;
          actions[i] = (float) (low[k] + (high[k] - low[k]) * rng.nextDouble());
        }
        env.step(actions, batch);
      }

      @Override
      VectorEnvironmentHarness copy() {
        return continuous(name, env.copy(), maxCopies);
      }
    };
  }
}
