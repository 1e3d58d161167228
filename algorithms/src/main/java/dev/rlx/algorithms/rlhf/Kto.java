package dev.rlx.algorithms.rlhf;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Kahneman–Tversky optimisation on unpaired thumbs-up / thumbs-down data (rl-reference §7.5;
 * Ethayarajh et al. 2024), exactly as the reference writes it:
 *
 * <pre>
 *   r_θ(x, y) = β log π_θ(y|x) / π_ref(y|x)
 *   z_0       = E_{y'∼π_θ}[ r_θ(x, y') ]   estimated in batch
 *   L_KTO     = λ_D (1 − σ(β (r_θ − z_0)))   y desirable
 *               λ_U (1 − σ(β (z_0 − r_θ)))   y undesirable,      averaged over the batch
 * </pre>
 *
 * <b>β appears twice</b>, inside r_θ and again in the sigmoid, in the reference's equation and
 * its code alike; the KTO paper (and TRL) uses the raw log-ratio and one β. The two agree with
 * β_paper = β². Pass β = √β_paper (≈ 0.316 for the paper's 0.1) to reproduce the paper's scale.
 *
 * <p><b>z_0</b> follows the reference's text and code: the batch mean of the implicit reward over
 * the batch's own completions, {@code r.detach().mean()} — not the paper's estimate from
 * mismatched (x, y') pairs. It is detached (a constant, so no gradient flows through the
 * reference point) and, as in the paper, clamped at ≥ 0 (it estimates a KL, which is ≥ 0; the
 * reference's code does not clamp). A trainer that has a mismatched-pair estimate can pass it
 * through {@link #loss(NDArray, NDArray, NDArray, double, double, double, double)}.
 */
public final class Kto {

  private Kto() {}

  /**
   * @param logProbs log π_θ(y|x) per sequence, [B]
   * @param refLogProbs log π_ref(y|x), [B]
   * @param desirable 1 where y is desirable, 0 where undesirable, [B]
   */
  public static Result loss(NDArray logProbs, NDArray refLogProbs, NDArray desirable, double beta, double lambdaD,
      double lambdaU) {
    check(logProbs, refLogProbs, desirable, beta, lambdaD, lambdaU);
    return loss(logProbs, refLogProbs, desirable, beta, lambdaD, lambdaU, referencePoint(logProbs, refLogProbs, beta));
  }

  /** The same with a reference point z_0 supplied by the caller (in units of r_θ, i.e. including β). */
  public static Result loss(NDArray logProbs, NDArray refLogProbs, NDArray desirable, double beta, double lambdaD,
      double lambdaU, double z0) {
    check(logProbs, refLogProbs, desirable, beta, lambdaD, lambdaU);
    if (!Double.isFinite(z0)) {
      throw new IllegalArgumentException("z0 must be finite, found " + z0);
    }
    float b = (float) beta;
    NDArray r = logProbs.sub(refLogProbs.stopGradient()).mul(b); // r_θ
    NDArray d = desirable.toType(logProbs.getDataType(), false);
    NDArray lossD = ai.djl.nn.Activation.sigmoid(r.sub((float) z0).mul(b)).neg().add(1f).mul((float) lambdaD);
    NDArray lossU = ai.djl.nn.Activation.sigmoid(r.neg().add((float) z0).mul(b)).neg().add(1f).mul((float) lambdaU);
    NDArray perExample = lossD.mul(d).add(lossU.mul(d.neg().add(1f))); // torch.where(desirable, lossD, lossU)
    NDArray loss = perExample.mean();

    float[] labels = d.toType(DataType.FLOAT32, false).toFloatArray();
    float[] undesirable = new float[labels.length];
    for (int i = 0; i < labels.length; i++) {
      undesirable[i] = 1 - labels[i];
    }
    float[] lD = lossD.stopGradient().toType(DataType.FLOAT32, false).toFloatArray();
    float[] lU = lossU.stopGradient().toType(DataType.FLOAT32, false).toFloatArray();
    float[] rewards = r.stopGradient().toType(DataType.FLOAT32, false).toFloatArray();
    return new Result(loss, z0, Tensors.maskedMean(lD, labels), Tensors.maskedMean(lU, undesirable),
        Tensors.maskedMean(rewards, labels), Tensors.maskedMean(rewards, undesirable));
  }

  /** z_0 = max(0, mean_i β (log π_θ(y_i|x_i) − log π_ref(y_i|x_i))) over the batch, as a constant. */
  public static double referencePoint(NDArray logProbs, NDArray refLogProbs, double beta) {
    double mean = logProbs.stopGradient().sub(refLogProbs.stopGradient()).mul((float) beta)
        .toType(DataType.FLOAT32, false).mean().getFloat();
    return Math.max(0, mean);
  }

  private static void check(NDArray logProbs, NDArray refLogProbs, NDArray desirable, double beta, double lambdaD,
      double lambdaU) {
    long b = Tensors.requireSequences("logProbs", logProbs);
    Tensors.requireShape("refLogProbs", refLogProbs, logProbs.getShape(), "one reference log-probability per sequence");
    Tensors.requireShape("desirable", desirable, logProbs.getShape(), "a 1 (desirable) / 0 (undesirable) label per sequence");
    if (b == 0) {
      throw new IllegalArgumentException("logProbs is empty: a KTO batch needs at least one example");
    }
    Tensors.requirePositive("beta", beta);
    Tensors.requirePositive("lambdaD", lambdaD);
    Tensors.requirePositive("lambdaU", lambdaU);
  }

  /**
   * @param loss the scalar loss, differentiable
   * @param z0 the reference point used
   * @param desirableLoss mean λ_D(1 − σ(β(r_θ − z_0))) over the desirable examples (NaN if none)
   * @param undesirableLoss mean λ_U(1 − σ(β(z_0 − r_θ))) over the undesirable ones (NaN if none)
   * @param desirableReward mean r_θ over the desirable examples (NaN if none)
   * @param undesirableReward mean r_θ over the undesirable ones (NaN if none)
   */
  public record Result(NDArray loss, double z0, double desirableLoss, double undesirableLoss, double desirableReward,
      double undesirableReward) {

    /** losses/loss, kto/z0, losses/desirable, losses/undesirable, rewards/desirable, rewards/undesirable. */
    public Map<String, Double> metrics() {
      Map<String, Double> m = new LinkedHashMap<>();
      m.put("losses/loss", Tensors.scalar(loss));
      m.put("kto/z0", z0);
      m.put("losses/desirable", desirableLoss);
      m.put("losses/undesirable", undesirableLoss);
      m.put("rewards/desirable", desirableReward);
      m.put("rewards/undesirable", undesirableReward);
      return m;
    }
  }
}
