package dev.rlx.api;

/**
 * A batch of independent copies of an environment with a real-valued observation vector and
 * discrete actions, stepped together (Gymnasium's vector environments, same-step autoreset):
 * a copy whose episode ends is reset at once, its next observation is the new episode's
 * first, and the observation it ended in is kept in {@link Batch#finalObservations()} so a
 * truncated episode can still be bootstrapped. Steps allocate nothing: the caller owns the
 * {@link Batch} and passes it to every call.
 */
public interface VectorEnvironment extends BatchedEnvironment {

  /** The number of discrete actions. */
  int actionCount();

  /** Takes {@code actions[i]} in copy i and fills every array of {@code batch}. */
  void step(int[] actions, Batch batch);

  @Override
  VectorEnvironment copy();

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
