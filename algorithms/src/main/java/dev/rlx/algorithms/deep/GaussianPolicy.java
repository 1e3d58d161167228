package dev.rlx.algorithms.deep;

import ai.djl.ndarray.NDArray;
import java.util.SplittableRandom;

/**
 * A diagonal Gaussian policy over {@code actionSize} real-valued action components, as in
 * CleanRL's ppo_continuous_action: the actor ({@link GaussianActor}) outputs the mean μ(s) and
 * a state-independent log σ side by side, [μ_1..μ_k, log σ_1..log σ_k].
 *
 * <pre>
 *   log π(a | s) = Σ_j −(a_j − μ_j)² / (2σ_j²) − log σ_j − ½ log 2π
 *   H(π(· | s))  = Σ_j  ½ + ½ log 2π + log σ_j
 * </pre>
 *
 * Sampled actions are not squashed: the environment clips them to its bounds, as Gymnasium's
 * {@code ClipAction} wrapper does for CleanRL, and the log-probability stays that of the
 * unclipped sample. With {@code tanhSquashed} (SAC-style bounded actions) a = tanh(u) for
 * u ~ N(μ, σ²), rescaled to [low, high] by the caller, and the change of variables subtracts
 * Σ_j log(1 − tanh²(u_j)); stored actions are then the pre-squash u, so the log-probability of a
 * stored action is computed exactly, and the entropy is reported as that of the underlying
 * Gaussian (the squashed one has no closed form).
 */
public record GaussianPolicy(int actionSize, boolean tanhSquashed) implements PolicyDistribution {

  private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

  @Override
  public int actorOutputs() {
    return 2 * actionSize;
  }

  @Override
  public int actionWidth() {
    return actionSize;
  }

  @Override
  public double sample(float[] out, int row, SplittableRandom rng, float[] actions) {
    int o = row * 2 * actionSize;
    double logProb = 0;
    for (int j = 0; j < actionSize; j++) {
      double mean = out[o + j];
      double logStd = out[o + actionSize + j];
      double z = rng.nextGaussian();
      double u = mean + Math.exp(logStd) * z;
      actions[row * actionSize + j] = (float) u;
      logProb += -0.5 * z * z - logStd - HALF_LOG_2PI;
      if (tanhSquashed) {
        logProb -= logOneMinusTanhSquared(u);
      }
    }
    return logProb;
  }

  @Override
  public void mode(float[] out, int row, float[] actions) {
    System.arraycopy(out, row * 2 * actionSize, actions, row * actionSize, actionSize);
  }

  @Override
  public NDArray logProb(NDArray out, NDArray actions) {
    NDArray mean = out.get(":, :{}", actionSize);
    NDArray logStd = out.get(":, {}:", actionSize);
    NDArray z = actions.sub(mean).div(logStd.exp());
    NDArray perComponent = Scalars.mul(z.square(), -0.5).sub(logStd).sub((float) HALF_LOG_2PI);
    if (tanhSquashed) {
      // log(1 − tanh²u) = 2 (log 2 − u − softplus(−2u)), stable for large |u|.
      NDArray minus2u = Scalars.mul(actions, -2);
      NDArray softplus = Scalars.maximum(minus2u, 0).add(minus2u.abs().neg().exp().add(1f).log()); // max(x,0) + log(1 + e^−|x|)
      NDArray correction = Scalars.mul(actions.neg().sub(softplus).add((float) Math.log(2)), 2);
      perComponent = perComponent.sub(correction);
    }
    return perComponent.sum(new int[] {1});
  }

  @Override
  public NDArray entropy(NDArray out) {
    NDArray logStd = out.get(":, {}:", actionSize);
    return logStd.add((float) (0.5 + HALF_LOG_2PI)).sum(new int[] {1});
  }

  /** The action applied to the environment: u itself, or low + (tanh u + 1)/2 · (high − low). */
  public float squash(float u, float low, float high) {
    return tanhSquashed ? (float) (low + (Math.tanh(u) + 1) / 2 * (high - low)) : u;
  }

  static double logOneMinusTanhSquared(double u) {
    return 2 * (Math.log(2) - u - softplus(-2 * u));
  }

  private static double softplus(double x) {
    return x > 30 ? x : Math.log1p(Math.exp(x));
  }
}
