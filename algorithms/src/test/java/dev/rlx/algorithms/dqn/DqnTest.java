package dev.rlx.algorithms.dqn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import dev.rlx.algorithms.CartPoleTrial;
import dev.rlx.algorithms.RecordingContext;
import dev.rlx.algorithms.deep.DjlRuntime;
import dev.rlx.algorithms.deep.Mlp;
import dev.rlx.algorithms.deep.ReplayBuffer;
import dev.rlx.algorithms.deep.TargetNetwork;
import dev.rlx.api.ParameterSpace;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DqnTest {

  @Test
  void dqnBootstrapsWithTheTargetNetsMaxAndDoubleDqnWithTheOnlineNetsChoice() {
    DjlRuntime.start(1);
    try (NDManager m = NDManager.newBaseManager()) {
      var online = m.create(new float[] {1, 5, 3, 2}, new Shape(2, 2));
      var target = m.create(new float[] {4, 0, 1, 7}, new Shape(2, 2));
      assertThat(Dqn.bootstrap(online, target).toFloatArray()).containsExactly(4f, 7f);
      // online argmax: row 0 → action 1, row 1 → action 0; the target net evaluates those
      assertThat(DoubleDqn.bootstrap(online, target).toFloatArray()).containsExactly(0f, 1f);
    }
  }

  @Test
  void polyakAndHardTargetUpdates() {
    DjlRuntime.start(1);
    try (NDManager m = NDManager.newBaseManager()) {
      Block a = Mlp.relu(new int[] {4}, 2, true, 1.0, new SplittableRandom(1));
      Block b = Mlp.relu(new int[] {4}, 2, true, 1.0, new SplittableRandom(2));
      a.initialize(m, DataType.FLOAT32, new Shape(1, 3));
      b.initialize(m, DataType.FLOAT32, new Shape(1, 3));
      float[] wa = a.getParameters().get(0).getValue().getArray().toFloatArray();
      float[] wb = b.getParameters().get(0).getValue().getArray().toFloatArray();
      TargetNetwork.update(a, b, 0.25);
      float[] mixed = b.getParameters().get(0).getValue().getArray().toFloatArray();
      for (int i = 0; i < wa.length; i++) {
        assertThat(mixed[i]).isCloseTo(0.25f * wa[i] + 0.75f * wb[i], within(1e-6f));
      }
      TargetNetwork.update(a, b, 1.0);
      assertThat(b.getParameters().get(0).getValue().getArray().toFloatArray()).containsExactly(wa);
    }
  }

  @Test
  void theReplayBufferKeepsTheLastCapacityTransitions() {
    ReplayBuffer buffer = new ReplayBuffer(3, 1);
    for (int i = 0; i < 5; i++) {
      buffer.add(new float[] {i}, new float[] {i + 0.5f}, 0, i, 10 * i, i == 4, 0.5f * i);
    }
    assertThat(buffer.size()).isEqualTo(3);
    ReplayBuffer.Batch batch = new ReplayBuffer.Batch(300, 1);
    buffer.sample(new SplittableRandom(0), batch);
    for (int j = 0; j < 300; j++) {
      int i = (int) batch.obs()[j];
      assertThat(i).isBetween(2, 4); // 0 and 1 were overwritten
      assertThat(batch.nextObs()[j]).isEqualTo(i + 0.5f);
      assertThat(batch.actions()[j]).isEqualTo(i);
      assertThat(batch.rewards()[j]).isEqualTo(10f * i);
      assertThat(batch.notTerminal()[j]).isEqualTo(i == 4 ? 0f : 1f);
      assertThat(batch.discounts()[j]).isEqualTo(0.5f * i);
      assertThat(batch.indices()[j]).isEqualTo(i % 3); // the ring's slot
      assertThat(batch.weights()[j]).isEqualTo(1f);
    }
  }

  @Test
  void theTdLossWeightsEachSquaredErrorByItsImportanceWeight() {
    DjlRuntime.start(1);
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray qsa = m.create(new float[] {1, 2, 3});
      NDArray y = m.create(new float[] {0, 4, 3});
      NDArray w = m.create(new float[] {0.5f, 1, 0.25f});
      // squared errors 1, 4, 0: unweighted mean 5/3; weighted (0.5 + 4 + 0) / 3 = 1.5
      assertThat(DeepQLearning.tdLoss(qsa, y, null).getFloat()).isCloseTo(5f / 3, within(1e-6f));
      assertThat(DeepQLearning.tdLoss(qsa, y, w).getFloat()).isCloseTo(1.5f, within(1e-6f));
      // ∂L/∂Q_j = 2 w_j (Q_j − y_j) / B = (1/3, −4/3, 0): the weight scales each sample's step
      qsa.setRequiresGradient(true);
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        gc.backward(DeepQLearning.tdLoss(qsa, y, w));
      }
      float[] grad = qsa.getGradient().toFloatArray();
      assertThat(grad[0]).isCloseTo(1f / 3, within(1e-6f));
      assertThat(grad[1]).isCloseTo(-4f / 3, within(1e-6f));
      assertThat(grad[2]).isCloseTo(0f, within(1e-6f));
    }
  }

  @Test
  void theExtensionsTrainThroughTheRealEntryPoint() {
    DqnParams params = ParameterSpace.of(DqnParams.class).bind(DqnParams.class, Map.of("learning_starts", 200L,
        "prioritized", true, "dueling", true, "n_step", 3L));
    RecordingContext context = CartPoleTrial.train(3, 1_500, (env, c) -> new Dqn(params, env, c));
    assertThat(context.values("losses/td_loss")).hasSize(13).allSatisfy(v -> assertThat(v).isFinite());
    assertThat(context.values("losses/grad_norm")).hasSize(13).allSatisfy(v -> assertThat(v).isFinite().isPositive());
    // weights are normalised by the minibatch maximum, so their mean lies in (0, 1]
    assertThat(context.values("replay/mean_importance_weight")).hasSize(13)
        .allSatisfy(v -> assertThat(v).isGreaterThan(0).isLessThanOrEqualTo(1));
    // β(t) = 0.4 + 0.6 t / 1500 at the 100th update, t = 300
    assertThat(context.values("replay/beta").get(0)).isCloseTo(0.4 + 0.6 * 300 / 1500, within(1e-12));
  }

  @Test
  void withoutExtensionsNoReplayDiagnosticsAreLogged() {
    DqnParams params = ParameterSpace.of(DqnParams.class).bind(DqnParams.class, Map.of("learning_starts", 200L));
    assertThat(params.prioritized()).isFalse();
    assertThat(params.dueling()).isFalse();
    assertThat(params.nStep()).isEqualTo(1);
    RecordingContext context = CartPoleTrial.train(3, 500, (env, c) -> new Dqn(params, env, c));
    assertThat(context.values("losses/grad_norm")).hasSize(3);
    assertThat(context.values("replay/mean_importance_weight")).isEmpty();
  }

  private static List<Double> train(long seed) {
    DqnParams params = ParameterSpace.of(DqnParams.class).bind(DqnParams.class, Map.of("learning_starts", 200L));
    return CartPoleTrial.train(seed, 1_500, (env, context) -> new DoubleDqn(params, env, context))
        .values("losses/td_loss");
  }

  @Test
  void theSameSeedGivesTheSameLearning() {
    List<Double> first = train(5);
    assertThat(first).isNotEmpty();
    assertThat(train(5)).isEqualTo(first);
  }
}
