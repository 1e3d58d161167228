package dev.rlx.algorithms.offpolicy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import dev.rlx.algorithms.deep.Scalars;

/**
 * SAC's tanh-squashed Gaussian policy (references.md §4.3, exercise 1): the actor outputs
 * [μ(s), log σ(s)] per row; a sample is reparameterised,
 * <pre>  z = μ + σ ⊙ ε,  ε ~ N(0, I),   u = tanh(z)</pre>
 * and by the change of variables u = tanh(z),
 * <pre>  log π(u | s) = Σ_k [log N(z_k; μ_k, σ_k) − log(1 − tanh²(z_k) + 10⁻⁶)]</pre>
 * Without the second term (the Jacobian correction switched off) log π is that of z, not of
 * the action taken: the exercise in which SAC "diverges silently".
 */
public final class SquashedGaussian {

  /** log σ is clamped to this range, as in the reference's solution (clamp(−20, 2)). */
  static final double LOG_STD_MIN = -20;
  static final double LOG_STD_MAX = 2;
  private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

  private SquashedGaussian() {}

  /** A reparameterised sample u ∈ (−1, 1)^|A| [B, A] and its log-probability [B]. */
  public record Sample(NDArray action, NDArray logProb) {}

  /**
   * Samples from the actor's output {@code meanAndLogStd} [B, 2A] with standard normal noise
   * {@code epsilon} [B, A]; {@code tanhCorrection} adds the Jacobian term of log π.
   */
  public static Sample sample(NDArray meanAndLogStd, NDArray epsilon, boolean tanhCorrection) {
    NDList halves = meanAndLogStd.split(2, 1);
    NDArray mean = halves.get(0);
    NDArray logStd = halves.get(1).clip(LOG_STD_MIN, LOG_STD_MAX);
    NDArray z = mean.add(logStd.exp().mul(epsilon));
    NDArray u = z.tanh();
    // log N(z; μ, σ) = −ε²/2 − log σ − log √(2π), since z − μ = σε
    NDArray logNormal = Scalars.mul(epsilon.square(), -0.5).sub(logStd).sub(HALF_LOG_TWO_PI);
    NDArray logProb = tanhCorrection ? logNormal.sub(u.square().neg().add(1 + 1e-6).log()) : logNormal;
    return new Sample(u, logProb.sum(new int[] {1}));
  }

  /**
   * One action drawn on the host from an actor output row [μ, log σ] (2A floats), in the
   * environment's units: a = bias + scale · tanh(μ + σ ε); with {@code deterministic},
   * bias + scale · tanh(μ) (evaluation).
   */
  public static void sample(float[] meanAndLogStd, ActionBounds bounds, java.util.SplittableRandom rng,
      boolean deterministic, float[] into) {
    int size = bounds.size();
    for (int k = 0; k < size; k++) {
      double z = meanAndLogStd[k];
      if (!deterministic) {
        double logStd = Math.max(LOG_STD_MIN, Math.min(LOG_STD_MAX, meanAndLogStd[size + k]));
        z += Math.exp(logStd) * rng.nextGaussian();
      }
      into[k] = bounds.fromTanh(k, z);
    }
  }

  /** The deterministic action tanh(μ(s)) [B, A], for evaluation. */
  public static NDArray mode(NDArray meanAndLogStd) {
    return meanAndLogStd.split(2, 1).get(0).tanh();
  }
}
