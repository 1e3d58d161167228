package dev.rlx.algorithms.deep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DuelingTest {

  @Test
  void qIsValuePlusAdvantageMinusTheMeanAdvantage() {
    DjlRuntime.start(1);
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray value = m.create(new float[] {1, -2}, new Shape(2, 1));
      NDArray advantages = m.create(new float[] {1, 2, 3, 0, 0, 6}, new Shape(2, 3));
      // row 0: mean A = 2 → 1 + (−1, 0, 1); row 1: mean A = 2 → −2 + (−2, −2, 4)
      NDArray q = Dueling.aggregate(value, advantages);
      assertThat(q.getShape()).isEqualTo(new Shape(2, 3));
      assertThat(q.toFloatArray()).containsExactly(0f, 1f, 2f, -4f, -4f, 2f);
      // A + c gives the same Q for any constant c: the mean subtraction fixes V's gauge.
      assertThat(Dueling.aggregate(value, advantages.add(5f)).toFloatArray()).containsExactly(0f, 1f, 2f, -4f, -4f, 2f);
    }
  }

  @Test
  void theDuelingNetworkOutputsOneQPerActionAndCopiesAsATargetNetwork() {
    DjlRuntime.start(1);
    try (NDManager m = NDManager.newBaseManager()) {
      Block online = Dueling.relu(new int[] {8, 8}, 3, false, 1.0, new SplittableRandom(1));
      Block target = Dueling.relu(new int[] {8, 8}, 3, false, 1.0, new SplittableRandom(2));
      online.initialize(m, DataType.FLOAT32, new Shape(1, 4));
      target.initialize(m, DataType.FLOAT32, new Shape(1, 4));
      // trunk 2 × (W, b), V head (W [1, 8], b), A head (W [3, 8], b)
      assertThat(online.getParameters().size()).isEqualTo(8);
      ParameterStore store = new ParameterStore(m, false);
      NDArray x = m.create(new float[] {0.1f, -0.2f, 0.3f, 0.05f, 1, 2, -1, 0.5f}, new Shape(2, 4));
      NDArray q = online.forward(store, new NDList(x), false).singletonOrThrow();
      assertThat(q.getShape()).isEqualTo(new Shape(2, 3));
      TargetNetwork.update(online, target, 1.0);
      float[] copied = target.forward(store, new NDList(x), false).singletonOrThrow().toFloatArray();
      float[] original = q.toFloatArray();
      for (int i = 0; i < original.length; i++) {
        assertThat(copied[i]).isCloseTo(original[i], within(1e-6f));
      }
    }
  }
}
