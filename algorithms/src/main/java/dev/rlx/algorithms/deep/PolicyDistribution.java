package dev.rlx.algorithms.deep;

import ai.djl.ndarray.NDArray;
import java.util.SplittableRandom;

/**
 * The action distribution π(· | s) an actor network parameterises, written once for every
 * policy-gradient algorithm: acting samples on the host from the actor's output row; the loss
 * needs log π(a | s) and the entropy H(π(· | s)) as tensors so gradients flow. Actions are
 * stored as floats, {@link #actionWidth()} per transition (a categorical action as its index).
 */
public interface PolicyDistribution {

  /** The actor network's output width per observation. */
  int actorOutputs();

  /** Floats per stored action: 1 for a categorical action, the action dimension for a Gaussian. */
  int actionWidth();

  /**
   * Samples an action for row {@code row} of {@code actorOutput} [rows × actorOutputs] into
   * {@code actions} at {@code row · actionWidth}, returning log π(a | s).
   */
  double sample(float[] actorOutput, int row, SplittableRandom rng, float[] actions);

  /** The deterministic action used in evaluation: the most probable one (the mean of a Gaussian). */
  void mode(float[] actorOutput, int row, float[] actions);

  /** log π(a | s) per row, from the actor's outputs [B, actorOutputs] and actions [B, actionWidth]. */
  NDArray logProb(NDArray actorOutput, NDArray actions);

  /** H(π(· | s)) per row. */
  NDArray entropy(NDArray actorOutput);
}
