package dev.rlx.api;

import dev.rlx.api.BatchedEnvironment.Batch;

/**
 * A batch of independent copies of an environment with real-valued observations and a
 * real-valued action vector (Gymnasium's {@code Box} action space), stepped together with the
 * same-step autoreset and {@link Batch} contract as {@link VectorEnvironment}. Actions outside
 * {@link #actionLow()}..{@link #actionHigh()} are clipped by the environment, as Gymnasium's
 * classic-control environments do, so a Gaussian policy may sample freely.
 */
public interface ContinuousActionVectorEnvironment extends BatchedEnvironment {

  /** The length of one action vector. */
  int actionSize();

  /** The smallest value of each action component. */
  float[] actionLow();

  /** The largest value of each action component. */
  float[] actionHigh();

  /** Takes the action row i of {@code actions} (row-major [size × actionSize]) in copy i. */
  void step(float[] actions, Batch batch);

  @Override
  ContinuousActionVectorEnvironment copy();
}
