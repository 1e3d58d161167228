package dev.rlx.environments.classic;

import dev.rlx.api.BatchedEnvironment.Batch;
import java.util.SplittableRandom;

/**
 * What every vectorised classic-control environment shares, written once: the copies' float64
 * states side by side in one array, their step counters, one generator per copy seeded
 * {@code seed + i} (Gymnasium's vector-env convention), the reset of all copies, and the end of
 * a copy's step — reward and flags, truncation after {@code max_episode_steps}, and the
 * same-step autoreset that keeps the final observation. {@code DiscreteActionCopies} and
 * {@code ContinuousActionCopies} add the action space; an environment supplies the physics: how
 * a copy starts ({@link #resetCopy}), how it steps, and what it shows ({@link #write}).
 */
abstract class ClassicControlCopies {

  /** float64 state variables per copy. */
  final int width;
  private final int observationSize;
  private final int maxEpisodeSteps;
  /** [copy][width], row-major. */
  double[] state = new double[0];
  private int[] elapsed = new int[0];
  private SplittableRandom[] rngs = new SplittableRandom[0];

  ClassicControlCopies(int width, int observationSize, int maxEpisodeSteps) {
    this.width = width;
    this.observationSize = observationSize;
    this.maxEpisodeSteps = maxEpisodeSteps;
  }

  /** float32 values per copy's observation. */
  public final int observationSize() {
    return observationSize;
  }

  /** Draws copy i's start state into {@code state[width·i …]} from its generator. */
  abstract void resetCopy(int i, SplittableRandom rng);

  /** Writes copy i's observation into {@code out[observationSize·i …]}. */
  abstract void write(int i, float[] out);

  public final void reset(long seed, Batch batch) {
    int n = batch.size();
    state = new double[width * n];
    elapsed = new int[n];
    rngs = new SplittableRandom[n];
    for (int i = 0; i < n; i++) {
      rngs[i] = new SplittableRandom(seed + i);
      resetCopy(i, rngs[i]);
      write(i, batch.observations());
      batch.rewards()[i] = 0;
      batch.terminated()[i] = false;
      batch.truncated()[i] = false;
    }
  }

  /**
   * Closes copy i's step, its new state already in {@link #state}: counts the step, records the
   * reward and the flags (truncated only when not terminated), and on either ends the episode —
   * the final observation kept, the copy reset — before writing the observation the agent sees.
   */
  final void endStep(int i, double reward, boolean terminated, Batch batch) {
    elapsed[i]++;
    boolean truncated = !terminated && elapsed[i] >= maxEpisodeSteps;
    batch.rewards()[i] = (float) reward;
    batch.terminated()[i] = terminated;
    batch.truncated()[i] = truncated;
    if (terminated || truncated) {
      write(i, batch.finalObservations());
      elapsed[i] = 0;
      resetCopy(i, rngs[i]);
    }
    write(i, batch.observations());
  }

  /** Test hook: puts copy i in {@code values} (its {@link #width} state variables) after a reset. */
  void setState(int copy, double... values) {
    System.arraycopy(values, 0, state, width * copy, width);
  }
}
