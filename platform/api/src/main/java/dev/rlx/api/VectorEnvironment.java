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
}
