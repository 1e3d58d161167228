package dev.rlx.algorithms.deep;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.util.SplittableRandom;

/** π(a | s) = softmax(logits)_a over {@code actionCount} discrete actions (see {@link Categorical}). */
public record CategoricalPolicy(int actionCount) implements PolicyDistribution {

  @Override
  public int actorOutputs() {
    return actionCount;
  }

  @Override
  public int actionWidth() {
    return 1;
  }

  @Override
  public double sample(float[] logits, int row, SplittableRandom rng, float[] actions) {
    float[] logProb = new float[1];
    actions[row] = Categorical.sample(logits, row * actionCount, actionCount, rng, logProb);
    return logProb[0];
  }

  @Override
  public void mode(float[] logits, int row, float[] actions) {
    actions[row] = Categorical.greedy(logits, row * actionCount, actionCount);
  }

  @Override
  public NDArray logProb(NDArray logits, NDArray actions) {
    return Categorical.logProb(logits, actions.reshape(-1).toType(DataType.INT64, false));
  }

  @Override
  public NDArray entropy(NDArray logits) {
    return Categorical.entropy(logits);
  }
}
