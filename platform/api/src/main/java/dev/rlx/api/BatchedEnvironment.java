package dev.rlx.api;

/**
 * What every vectorised environment shares, whatever its action space: a batch of copies
 * with real-valued observation vectors, reset and stepped together (Gymnasium's vector API).
 * An algorithm that handles several action spaces (PPO with a categorical or a Gaussian
 * policy) requires this and dispatches on {@link VectorEnvironment} (discrete actions) or
 * {@link ContinuousActionVectorEnvironment} (real-valued actions).
 */
public interface BatchedEnvironment extends Environment, AutoCloseable {

  /** The length of one observation. */
  int observationSize();

  /**
   * Starts {@code batch.size()} copies; copy i is seeded with {@code seed + i} (Gymnasium's
   * convention). Fills {@link Batch#observations()}.
   */
  void reset(long seed, Batch batch);

  /**
   * A new, independent environment with the same parameters (e.g. for evaluation). Close it when
   * done with it: a copy may hold processes (a Gymnasium environment's Python workers).
   */
  BatchedEnvironment copy();

  /**
   * Releases what this environment holds; nothing for the Java ports. A Gymnasium copy hands its
   * workers back to its trial's bridge, for the next copy; the trial's end closes every one.
   */
  @Override
  default void close() {}

  /**
   * The state of a batch of copies after a reset or step. {@code observations} and
   * {@code finalObservations} are row-major [size × observationSize]; a row of
   * {@code finalObservations} is meaningful only where the copy's episode just ended.
   */
  record Batch(int size, float[] observations, float[] rewards, boolean[] terminated, boolean[] truncated,
      float[] finalObservations) {

    /** Allocates a batch of {@code size} copies of an environment with {@code observationSize}. */
    public static Batch of(int size, int observationSize) {
      return new Batch(size, new float[size * observationSize], new float[size], new boolean[size], new boolean[size],
          new float[size * observationSize]);
    }

    /** Whether copy i's episode ended at the last step (terminated or truncated). */
    public boolean done(int i) {
      return terminated[i] || truncated[i];
    }
  }
}
