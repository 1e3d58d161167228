package dev.rlx.algorithms.pg;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import dev.rlx.algorithms.deep.Categorical;
import dev.rlx.algorithms.deep.DjlRuntime;
import dev.rlx.algorithms.deep.Inference;
import dev.rlx.algorithms.deep.Learner;
import dev.rlx.algorithms.deep.Mlp;
import dev.rlx.api.Algorithm;
import dev.rlx.api.TrialContext;
import dev.rlx.api.VectorEnvironment;
import jakarta.inject.Inject;
import java.util.ArrayDeque;
import java.util.List;
import java.util.SplittableRandom;

/**
 * REINFORCE (references.md §3.1; Williams 1992): after each episode, one gradient step on
 *
 * <pre>  L(θ) = −Σ_t log π_θ(a_t | s_t) · (G_t − b(s_t)),    G_t = Σ_k γ^k r_{t+k}</pre>
 *
 * with b = 0, a running mean of returns (b ← m b + (1 − m) mean_t G_t), or a learned V_φ(s)
 * regressed onto G_t (Monte-Carlo actor-critic; V detached in the policy loss). Baselines
 * leave the gradient unbiased (E_a[∇ log π(a | s)] = 0) and cut its variance: logged per
 * episode as {@code losses/grad_norm} (the policy gradient's L2 norm) and
 * {@code losses/grad_norm_var} (its variance over the last {@code variance_window} episodes),
 * with {@code charts/episodic_return}.
 */
public record Reinforce(ReinforceParams params, VectorEnvironment env, TrialContext context) implements Algorithm {

  @Inject
  public Reinforce {}

  @Override
  public void train() {
    DjlRuntime.start(context.seed());
    int d = env.observationSize();
    int actions = env.actionCount();
    long totalSteps = context.budget().maxEnvSteps();
    long maxEpisodes = context.budget().maxEpisodes();
    SplittableRandom rng = new SplittableRandom(context.seed());
    try (NDManager manager = NDManager.newBaseManager(DjlRuntime.device(context.device()))) {
      int[] hidden = {params.hiddenSize()};
      Block policy = Mlp.tanh(hidden, actions, true, 0.01, rng.split());
      policy.initialize(manager, DataType.FLOAT32, new Shape(1, d));
      Learner policyLearner = new Learner(params.lr(), 1e-8, List.of(policy));
      Block value = null;
      Learner valueLearner = null;
      if (params.baseline() == ReinforceParams.Baseline.LEARNED_VALUE) {
        value = Mlp.tanh(hidden, 1, true, 1.0, rng.split());
        value.initialize(manager, DataType.FLOAT32, new Shape(1, d));
        valueLearner = new Learner(params.lr(), 1e-8, List.of(value));
      }
      ParameterStore store = new ParameterStore(manager, false);
      VectorEnvironment.Batch batch = VectorEnvironment.Batch.of(1, d);
      env.reset(context.seed(), batch);
      double runningBaseline = 0;
      boolean baselineStarted = false;
      ArrayDeque<Double> window = new ArrayDeque<>();
      float[] logProb = new float[1];
      int[] action = new int[1];
      long steps = 0;
      for (long episode = 1; episode <= maxEpisodes && steps < totalSteps && !context.isCancelled(); episode++) {
        // ---- one episode with the current policy
        FloatList states = new FloatList();
        List<Integer> taken = new java.util.ArrayList<>();
        List<Float> rewards = new java.util.ArrayList<>();
        do {
          states.add(batch.observations(), d);
          float[] logits = Inference.predict(policy, store, manager, batch.observations(), 1, d);
          action[0] = Categorical.sample(logits, 0, actions, rng, logProb);
          taken.add(action[0]);
          env.step(action, batch);
          rewards.add(batch.rewards()[0]);
          steps++;
        } while (!batch.done(0) && steps < totalSteps);
        int length = rewards.size();
        float[] returns = new float[length];
        double g = 0;
        double episodeReturn = 0;
        for (int t = length - 1; t >= 0; t--) {
          g = rewards.get(t) + params.gamma() * g; // a truncated episode's tail is simply cut off (Monte Carlo)
          returns[t] = (float) g;
          episodeReturn += rewards.get(t);
        }
        context.log("charts/episodic_return", steps, episodeReturn);

        // ---- the baseline b(s_t)
        float[] advantages = returns.clone();
        try (NDManager m = manager.newSubManager()) {
          NDArray x = m.create(states.toArray(), new Shape(length, d));
          switch (params.baseline()) {
            case NONE -> { }
            case RUNNING_MEAN -> {
              double mean = 0;
              for (float r : returns) {
                mean += r;
              }
              mean /= length;
              runningBaseline = baselineStarted ? params.baselineMomentum() * runningBaseline + (1 - params.baselineMomentum()) * mean : mean;
              baselineStarted = true;
              for (int t = 0; t < length; t++) {
                advantages[t] -= (float) runningBaseline;
              }
            }
            case LEARNED_VALUE -> {
              float[] v = value.forward(store, new NDList(x), false).singletonOrThrow().toFloatArray();
              for (int t = 0; t < length; t++) {
                advantages[t] -= v[t];
              }
              Block valueNet = value;
              NDArray target = m.create(returns);
              valueLearner.step(() -> new Learner.Loss(valueNet.forward(store, new NDList(x), true).singletonOrThrow()
                  .reshape(-1).sub(target).square().mean()), Double.POSITIVE_INFINITY);
            }
            default -> throw new IllegalStateException();
          }
          // ---- the policy gradient step: −Σ_t log π(a_t | s_t) (G_t − b(s_t))
          long[] a = taken.stream().mapToLong(Integer::longValue).toArray();
          NDArray actionArray = m.create(a);
          NDArray advantageArray = m.create(advantages);
          double norm = policyLearner.step(() -> new Learner.Loss(Categorical.logProb(policy.forward(store,
              new NDList(x), true).singletonOrThrow(), actionArray).mul(advantageArray).sum().neg()),
              Double.POSITIVE_INFINITY).gradNorm();
          context.log("losses/grad_norm", steps, norm);
          window.addLast(norm);
          if (window.size() > params.varianceWindow()) {
            window.removeFirst();
          }
          if (window.size() == params.varianceWindow()) {
            context.log("losses/grad_norm_var", steps, variance(window));
          }
        }
      }
    }
  }

  static double variance(Iterable<Double> xs) {
    double sum = 0;
    int n = 0;
    for (double x : xs) {
      sum += x;
      n++;
    }
    double mean = sum / n;
    double squares = 0;
    for (double x : xs) {
      squares += (x - mean) * (x - mean);
    }
    return squares / (n - 1);
  }

  /** A growable float array of observation rows. */
  private static final class FloatList {
    private float[] data = new float[256];
    private int size;

    void add(float[] row, int length) {
      if (size + length > data.length) {
        data = java.util.Arrays.copyOf(data, Math.max(2 * data.length, size + length));
      }
      System.arraycopy(row, 0, data, size, length);
      size += length;
    }

    float[] toArray() {
      return java.util.Arrays.copyOf(data, size);
    }
  }
}
