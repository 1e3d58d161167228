package dev.rlx.algorithms.deep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PolicyDistributionTest {

  private static final double LOG_2PI = Math.log(2 * Math.PI);

  @Test
  void gaussianLogProbAndEntropyMatchTheClosedForm() {
    DjlRuntime.start(1);
    GaussianPolicy policy = new GaussianPolicy(2, false);
    try (NDManager m = NDManager.newBaseManager()) {
      // μ = (0.5, −1), log σ = (0, ln 2); a = (1.5, 0)
      NDArray out = m.create(new float[] {0.5f, -1f, 0f, (float) Math.log(2)}, new Shape(1, 4));
      NDArray a = m.create(new float[] {1.5f, 0f}, new Shape(1, 2));
      double expected = (-0.5 * 1 - 0 - 0.5 * LOG_2PI) + (-0.5 * 0.25 - Math.log(2) - 0.5 * LOG_2PI);
      assertThat(policy.logProb(out, a).getFloat(0)).isCloseTo((float) expected, within(1e-5f));
      double entropy = (0.5 + 0.5 * LOG_2PI) * 2 + Math.log(2);
      assertThat(policy.entropy(out).getFloat(0)).isCloseTo((float) entropy, within(1e-5f));
    }
  }

  @Test
  void sampledLogProbIsTheLogDensityOfTheSampledAction() {
    DjlRuntime.start(1);
    for (boolean squashed : new boolean[] {false, true}) {
      GaussianPolicy policy = new GaussianPolicy(3, squashed);
      float[] out = {0.3f, -0.7f, 2.0f, -0.5f, 0.2f, 0.0f};
      float[] actions = new float[3];
      double logProb = policy.sample(out, 0, new SplittableRandom(7), actions);
      try (NDManager m = NDManager.newBaseManager()) {
        NDArray tensorLogProb = policy.logProb(m.create(out, new Shape(1, 6)), m.create(actions, new Shape(1, 3)));
        assertThat(tensorLogProb.getFloat(0)).as("squashed=%s", squashed).isCloseTo((float) logProb, within(1e-4f));
      }
    }
  }

  @Test
  void tanhSquashedLogProbIsTheChangeOfVariablesDensity() {
    // p_A(a) = p_U(atanh a) / (1 − a²): check log π against the density of a = tanh(u) numerically.
    GaussianPolicy policy = new GaussianPolicy(1, true);
    DjlRuntime.start(1);
    try (NDManager m = NDManager.newBaseManager()) {
      for (double u : new double[] {-4.0, -0.3, 0.0, 1.2, 6.0}) {
        double mean = 0.4;
        double logStd = -0.2;
        double sigma = Math.exp(logStd);
        double logPu = -0.5 * Math.pow((u - mean) / sigma, 2) - logStd - 0.5 * LOG_2PI;
        double a = Math.tanh(u);
        double expected = logPu - Math.log(1 - a * a);
        NDArray out = m.create(new float[] {(float) mean, (float) logStd}, new Shape(1, 2));
        float got = policy.logProb(out, m.create(new float[] {(float) u}, new Shape(1, 1))).getFloat(0);
        assertThat(got).as("u = %s", u).isCloseTo((float) expected, within(2e-3f * (float) Math.max(1, Math.abs(expected))));
      }
    }
    assertThat(GaussianPolicy.logOneMinusTanhSquared(20)).isCloseTo(Math.log(4) - 40, within(1e-9)); // no overflow
  }

  @Test
  void gaussianModeIsTheMeanAndCategoricalModeTheArgmax() {
    float[] actions = new float[2];
    new GaussianPolicy(2, false).mode(new float[] {0.25f, -3f, 9f, 9f}, 0, actions);
    assertThat(actions).containsExactly(0.25f, -3f);
    float[] index = new float[2];
    new CategoricalPolicy(3).mode(new float[] {0f, 1f, 2f, 5f, -1f, 0f}, 1, index);
    assertThat(index[1]).isEqualTo(0f);
  }

  @Test
  void gaussianActorLearnsItsLogStdThroughTheLearner() {
    DjlRuntime.start(1);
    GaussianPolicy policy = new GaussianPolicy(2, false);
    try (NDManager m = NDManager.newBaseManager()) {
      var actor = ActorCritic.actor(policy, 8, true, new SplittableRandom(1));
      actor.initialize(m, DataType.FLOAT32, new Shape(1, 3));
      ParameterStore store = new ParameterStore(m, false);
      NDArray x = m.create(new float[] {0.1f, 0.2f, 0.3f, -0.1f, 0f, 1f}, new Shape(2, 3));
      float[] before = actor.forward(store, new NDList(x), false).singletonOrThrow().toFloatArray();
      assertThat(before[2]).isEqualTo(0f); // log σ starts at 0
      Learner learner = new Learner(0.05, 1e-8, List.of(actor));
      for (int i = 0; i < 5; i++) {
        // maximising entropy pushes log σ up
        learner.step(() -> new Learner.Loss(policy.entropy(actor.forward(store, new NDList(x), true).singletonOrThrow()).mean().neg()), 100);
      }
      float[] after = actor.forward(store, new NDList(x), false).singletonOrThrow().toFloatArray();
      assertThat(after[2]).isGreaterThan(0.1f);
      assertThat(after[3]).isEqualTo(after[2]);
      assertThat(after[6]).isEqualTo(after[2]); // state-independent: the same for the second row
    }
  }
}
