package dev.rlx.algorithms.deep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DjlPiecesTest {

  @Test
  void theEngineOnlyStartsOfflineAndWithoutTelemetry() {
    // The build sets both for every test JVM; a JVM without them must be refused.
    assertThat(System.getProperty("ai.djl.offline")).isEqualTo("true");
    assertThat(System.getProperty("OPT_OUT_TRACKING")).isEqualTo("true");
    assertThat(DjlRuntime.start(1).getEngineName()).isEqualTo("PyTorch");
    assertThatThrownBy(() -> DjlRuntime.requireOffline(null, "true")).hasMessageContaining("-Dai.djl.offline=true");
    assertThatThrownBy(() -> DjlRuntime.requireOffline("true", "false")).hasMessageContaining("OPT_OUT_TRACKING");
    DjlRuntime.requireOffline("true", "TRUE");
  }

  @Test
  void aTrialsNetworksLiveOnTheDeviceTheSchedulerAssigned() {
    dev.rlx.api.Device gpu3 = new dev.rlx.api.Device(java.util.List.of(3), 0.5);
    assertThat(DjlRuntime.device(dev.rlx.api.Device.CPU, 0, null)).isEqualTo(ai.djl.Device.cpu());
    // process isolation / Slurm: CUDA_VISIBLE_DEVICES=3 renumbers the assigned GPU to 0
    assertThat(DjlRuntime.device(gpu3, 1, "3")).isEqualTo(ai.djl.Device.gpu(0));
    assertThat(DjlRuntime.device(gpu3, 2, "1, 3")).isEqualTo(ai.djl.Device.gpu(1));
    // thread isolation: the machine's numbering
    assertThat(DjlRuntime.device(gpu3, 4, null)).isEqualTo(ai.djl.Device.gpu(3));
    assertThatThrownBy(() -> DjlRuntime.device(gpu3, 2, "0,1")).hasMessageContaining("hides it");
    // the CPU natives: no CUDA device, and the message says what to do
    assertThatThrownBy(() -> DjlRuntime.device(gpu3, 0, "3"))
        .hasMessageContaining("PYTORCH_LIBRARY_PATH").hasMessageContaining("--gpus none");
    DjlRuntime.start(1);
    assertThat(DjlRuntime.device(dev.rlx.api.Device.CPU)).isEqualTo(ai.djl.Device.cpu());
  }

  @Test
  void orthogonalInitialisationHasOrthonormalRowsOrColumnsTimesTheGain() {
    DjlRuntime.start(1);
    try (NDManager m = NDManager.newBaseManager()) {
      for (long[] dims : new long[][] {{64, 4}, {2, 64}, {64, 64}}) {
        NDArray w = new OrthogonalInitializer(Math.sqrt(2), new SplittableRandom(3))
            .initialize(m, new Shape(dims), DataType.FLOAT32);
        boolean wide = dims[0] < dims[1];
        NDArray gram = wide ? w.matMul(w.transpose()) : w.transpose().matMul(w);
        long size = Math.min(dims[0], dims[1]);
        float[] g = gram.toFloatArray();
        for (int i = 0; i < size; i++) {
          for (int j = 0; j < size; j++) {
            assertThat(g[(int) (i * size + j)]).isCloseTo(i == j ? 2f : 0f, within(1e-4f));
          }
        }
      }
    }
  }

  @Test
  void aNonFiniteGradientSkipsTheStepAndLeavesNoGradientBehind() {
    DjlRuntime.start(1);
    try (NDManager m = NDManager.newBaseManager()) {
      ai.djl.nn.core.Linear net = ai.djl.nn.core.Linear.builder().setUnits(1).build();
      net.initialize(m, DataType.FLOAT32, new Shape(1, 2));
      NDArray weight = net.getParameters().get("weight").getArray();
      float[] before = weight.toFloatArray();
      Learner learner = new Learner(0.1, 1e-8, java.util.List.of(net));
      ai.djl.training.ParameterStore store = new ai.djl.training.ParameterStore(m, false);
      NDArray x = m.create(new float[] {1f, 2f}, new Shape(1, 2));
      // exp(1000) overflows to ∞: the gradient is not finite
      double norm = learner.step(() -> new Learner.Loss(net.forward(store, new ai.djl.ndarray.NDList(x.mul(1000f)), true)
          .singletonOrThrow().sum().exp().mul(1e30f)), 1.0).gradNorm();
      assertThat(norm).isNotFinite();
      assertThat(weight.toFloatArray()).containsExactly(before);
      // the next, finite step moves the weights by Adam's first step (lr · sign of the gradient), no NaN left behind
      double finite = learner.step(() -> new Learner.Loss(net.forward(store, new ai.djl.ndarray.NDList(x), true).singletonOrThrow().sum()), 10.0).gradNorm();
      assertThat(finite).isCloseTo(Math.sqrt(1 + 4 + 1), within(1e-4)); // ∂/∂w = x = (1, 2), ∂/∂b = 1
      float[] after = weight.toFloatArray();
      assertThat(after[0]).isCloseTo(before[0] - 0.1f, within(1e-4f));
      assertThat(after[1]).isCloseTo(before[1] - 0.1f, within(1e-4f));
    }
  }

  @Test
  void categoricalLogProbAndEntropyMatchTheirDefinitions() {
    DjlRuntime.start(1);
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray logits = m.create(new float[] {0f, (float) Math.log(3)}, new Shape(1, 2)); // π = (1/4, 3/4)
      assertThat(Categorical.logProb(logits, m.create(new long[] {1})).getFloat()).isCloseTo((float) Math.log(0.75), within(1e-6f));
      double h = -(0.25 * Math.log(0.25) + 0.75 * Math.log(0.75));
      assertThat(Categorical.entropy(logits).getFloat()).isCloseTo((float) h, within(1e-6f));
    }
    float[] lp = new float[1];
    SplittableRandom rng = new SplittableRandom(0);
    int ones = 0;
    for (int i = 0; i < 40_000; i++) {
      ones += Categorical.sample(new float[] {0f, (float) Math.log(3)}, 0, 2, rng, lp);
    }
    assertThat(ones / 40_000.0).isCloseTo(0.75, within(0.01));
  }
}
