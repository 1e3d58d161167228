package dev.rlx.algorithms.offpolicy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.rlx.algorithms.RecordingContext;
import dev.rlx.algorithms.deep.DjlRuntime;
import dev.rlx.algorithms.deep.ReplayBuffer;
import dev.rlx.api.ContinuousActionVectorEnvironment;
import dev.rlx.api.TrialContext.Budget;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class OffPolicyPiecesTest {

  @Test
  void theSquashedGaussiansLogProbIsTheDensityOfTheActionByChangeOfVariables() {
    DjlRuntime.start(1);
    try (NDManager m = NDManager.newBaseManager()) {
      float[] mean = {0.3f, -1.2f};
      float[] logStd = {-0.5f, 0.4f};
      float[] eps = {0.7f, -1.1f};
      NDArray out = m.create(new float[] {mean[0], mean[1], logStd[0], logStd[1]}, new Shape(1, 4));
      SquashedGaussian.Sample sample = SquashedGaussian.sample(out, m.create(eps, new Shape(1, 2)), true);
      float[] u = sample.action().toFloatArray();
      // log p_U(u) = Σ_k log p_Z(atanh u_k) + log |d atanh(u_k)/du_k|, the derivative taken numerically
      double expected = 0;
      for (int k = 0; k < 2; k++) {
        double z = atanh(u[k]);
        double sigma = Math.exp(logStd[k]);
        double logNormal = -0.5 * Math.pow((z - mean[k]) / sigma, 2) - Math.log(sigma) - 0.5 * Math.log(2 * Math.PI);
        double h = 1e-6;
        double jacobian = (atanh(u[k] + h) - atanh(u[k] - h)) / (2 * h);
        expected += logNormal + Math.log(jacobian);
      }
      assertThat((double) sample.logProb().getFloat()).isCloseTo(expected, within(1e-3));
      // Without the correction, log π is that of z: off by exactly the Jacobian term.
      double uncorrected = SquashedGaussian.sample(out, m.create(eps, new Shape(1, 2)), false).logProb().getFloat();
      assertThat(uncorrected).isLessThan(expected - 0.1);
    }
  }

  private static double atanh(double x) {
    return 0.5 * Math.log((1 + x) / (1 - x));
  }

  @Test
  void theOrnsteinUhlenbeckProcessIsCorrelatedWithStationaryVarianceSigmaSquaredOverTwoTheta() {
    ExplorationNoise ou = new ExplorationNoise.OrnsteinUhlenbeck(1, 0.15, 0.2, 0.0, 0.01, new SplittableRandom(7));
    float[] x = new float[1];
    // burn in ~ 10 relaxation times 1/(θ dt) ≈ 667 steps, then sample
    for (int t = 0; t < 10_000; t++) {
      ou.sample(x);
    }
    int n = 4_000_000;
    double sum = 0;
    double squares = 0;
    double lagged = 0;
    double previous = x[0];
    for (int t = 0; t < n; t++) {
      ou.sample(x);
      sum += x[0];
      squares += x[0] * (double) x[0];
      lagged += x[0] * previous;
      previous = x[0];
    }
    double mean = sum / n;
    double variance = squares / n - mean * mean;
    assertThat(variance).isCloseTo(0.2 * 0.2 / (2 * 0.15), within(0.133 * 0.05));
    assertThat(ou.scale() * ou.scale()).isCloseTo(0.2 * 0.2 / (2 * 0.15), within(1e-3));
    // one-step autocorrelation 1 − θ dt: noise that keeps pushing the same way
    assertThat((lagged / n - mean * mean) / variance).isCloseTo(1 - 0.15 * 0.01, within(1e-3));
    ou.reset();
    ExplorationNoise gaussian = new ExplorationNoise.Gaussian(0.1, new SplittableRandom(7));
    assertThat(gaussian.scale()).isEqualTo(0.1);
  }

  @Test
  void theTargetBootstrapsExceptAfterTermination() {
    DjlRuntime.start(1);
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray y = BellmanTarget.of(m.create(new float[] {1f, -2f}), m.create(new float[] {1f, 0f}),
          m.create(new float[] {0.99f, 0.99f}), m.create(new float[] {10f, 10f}));
      assertThat(y.toFloatArray()).containsExactly(new float[] {1f + 9.9f, -2f}, within(1e-5f));
      NDArray min = TargetedNetworks.min(new NDArray[] {m.create(new float[] {3f, -1f}), m.create(new float[] {2f, 4f})});
      assertThat(min.toFloatArray()).containsExactly(2f, -1f);
    }
  }

  @Test
  void actionBoundsMapTanhOutputsIntoTheBox() {
    DjlRuntime.start(1);
    ActionBounds bounds = new ActionBounds(new float[] {-2f, 0f}, new float[] {2f, 1f});
    try (NDManager m = NDManager.newBaseManager()) {
      ActionBounds.Tensors t = bounds.on(m);
      float[] a = t.fromTanh(m.create(new float[] {-1f, 1f, 0.5f, 0f}, new Shape(2, 2))).toFloatArray();
      assertThat(a).containsExactly(new float[] {-2f, 1f, 1f, 0.5f}, within(1e-6f));
      float[] clipped = t.clip(m.create(new float[] {-3f, 2f, 1f, -0.5f}, new Shape(2, 2))).toFloatArray();
      assertThat(clipped).containsExactly(-2f, 1f, 1f, 0f);
    }
    assertThat(bounds.clip(0, 5f)).isEqualTo(2f);
  }

  @Test
  void anUnboundedActionBoxIsRefusedNamingTheComponent() {
    ContinuousActionVectorEnvironment unbounded = new ContinuousActionVectorEnvironment() {
      @Override public int actionSize() { return 2; }
      @Override public float[] actionLow() { return new float[] {-1f, Float.NEGATIVE_INFINITY}; }
      @Override public float[] actionHigh() { return new float[] {1f, Float.POSITIVE_INFINITY}; }
      @Override public void step(float[] actions, Batch batch) {}
      @Override public ContinuousActionVectorEnvironment copy() { return this; }
      @Override public int observationSize() { return 1; }
      @Override public void reset(long seed, Batch batch) {}
    };
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ActionBounds.of(unbounded))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("component 1 is [-Infinity, Infinity]").hasMessageContaining("RescaleAction");
  }

  /**
   * The loop stores s' of a truncated step as the observation the episode was cut off in, with
   * terminated false, and of a terminated step with terminated true: an environment whose
   * observation is [episode, t] ends every episode at t = 3, truncating even episodes and
   * terminating odd ones.
   */
  @Test
  void theReplayKeepsTruncationApartFromTermination() {
    List<float[]> rows = new ArrayList<>();
    OffPolicyTraining.Agent agent = new OffPolicyTraining.Agent() {
      @Override public void explore(float[] observation, float[] action) { action[0] = 0.5f; }
      @Override public void act(float[] observation, float[] action) { action[0] = 0f; }
      @Override public void update(ReplayBuffer.Batch batch, long update) {
        for (int j = 0; j < batch.size(); j++) {
          rows.add(new float[] {batch.obs()[2 * j], batch.obs()[2 * j + 1], batch.nextObs()[2 * j],
              batch.nextObs()[2 * j + 1], batch.notTerminal()[j], batch.discounts()[j], batch.actions()[j]});
        }
      }
      @Override public void log(dev.rlx.api.TrialContext context, long step) {}
    };
    OffPolicySettings settings = new OffPolicySettings(0.9, 0.005, 1000, 8, 10, 1, 16);
    RecordingContext context = new RecordingContext(3, new Budget(200, 0));
    new OffPolicyTraining(settings, new EpisodeCounter(), context).run(agent, new SplittableRandom(3));
    assertThat(rows).hasSize(190 * 8);
    for (float[] r : rows) {
      assertThat(r[2]).isEqualTo(r[0]); // same episode: not the reset observation of the next one
      assertThat(r[3]).isEqualTo(r[1] + 1);
      boolean terminal = r[3] == 3 && ((int) r[0]) % 2 == 1;
      assertThat(r[4]).isEqualTo(terminal ? 0f : 1f);
      assertThat(r[5]).isCloseTo(0.9f, within(1e-6f));
      assertThat(r[6]).isBetween(-1f, 1f);
    }
    assertThat(context.values("charts/episode_length")).containsOnly(3.0);
    assertThat(context.values("eval/return")).hasSize(1);
    assertThat(context.values("perf/updates_per_second")).hasSize(1);
  }

  /** Observations [episode, t]; an episode ends at t = 3, by truncation when even, termination when odd. */
  private static final class EpisodeCounter implements ContinuousActionVectorEnvironment {
    private int episode;
    private int t;

    @Override public int actionSize() { return 1; }
    @Override public float[] actionLow() { return new float[] {-1f}; }
    @Override public float[] actionHigh() { return new float[] {1f}; }
    @Override public int observationSize() { return 2; }
    @Override public EpisodeCounter copy() { return new EpisodeCounter(); }

    @Override
    public void reset(long seed, Batch batch) {
      episode = 0;
      t = 0;
      write(batch.observations());
    }

    @Override
    public void step(float[] actions, Batch batch) {
      t++;
      batch.rewards()[0] = 1f;
      boolean end = t == 3;
      batch.terminated()[0] = end && episode % 2 == 1;
      batch.truncated()[0] = end && episode % 2 == 0;
      if (end) {
        write(batch.finalObservations());
        episode++;
        t = 0;
      }
      write(batch.observations());
    }

    private void write(float[] into) {
      into[0] = episode;
      into[1] = t;
    }
  }
}
