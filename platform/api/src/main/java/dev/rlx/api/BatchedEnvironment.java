package dev.rlx.api;

import dev.rlx.api.VectorEnvironment.Batch;

/**
 * What every vectorised environment shares, whatever its action space: a batch of copies
 * with real-valued observation vectors, reset and stepped together (Gymnasium's vector API).
 * An algorithm that handles several action spaces (PPO with a categorical or a Gaussian
 * policy) requires this and dispatches on {@link VectorEnvironment} (discrete actions) or
 * {@link ContinuousActionVectorEnvironment} (real-valued actions).
 */
public interface BatchedEnvironment extends Environment {

  /** The length of one observation. */
  int observationSize();

  /**
   * Starts {@code batch.size()} copies; copy i is seeded with {@code seed + i} (Gymnasium's
   * convention). Fills {@link Batch#observations()}.
   */
  void reset(long seed, Batch batch);

  /** A new, independent environment with the same parameters (e.g. for evaluation). */
  BatchedEnvironment copy();
}
