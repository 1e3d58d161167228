package dev.rlx.algorithms.rlhf;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.util.List;
import java.util.Map;

/**
 * Diagnostics of the importance ratio ρ_t = π_θ(y_t|·) / π_θold(y_t|·) over the response tokens
 * of a batch (padding excluded), shared by {@link Grpo} and {@link TokenPpo}.
 *
 * @param clipFraction fraction of tokens with ρ outside [1 − ε_low, 1 + ε_high] (CleanRL's
 *     clipfrac, as {@code Ppo} logs it)
 * @param approxKl token mean of (ρ − 1) − log ρ: the k3 estimate of KL(π_old ‖ π_θ) (Schulman 2020)
 * @param ratioMean token mean of ρ
 * @param ratioMin smallest ρ
 * @param ratioMax largest ρ
 * @param clipHighFraction fraction of tokens whose gradient the upper clip cuts: A > 0 and
 *     ρ > 1 + ε_high, a token the policy may push up no further this batch (what clip-higher widens)
 * @param clipLowFraction fraction whose gradient the lower clip cuts: A < 0 and ρ < 1 − ε_low
 * @param clippedHighProb mean π_θold of the tokens the upper clip cuts (NaN if none): DAPO (Yu et
 *     al. 2025, Fig. 3) found them to be rare tokens (π &lt; 0.2), whose growth the clip caps
 *     while likely tokens grow unchecked, the entropy collapse clip-higher is meant to stop
 */
public record RatioStats(double clipFraction, double approxKl, double ratioMean, double ratioMin, double ratioMax,
    double clipHighFraction, double clipLowFraction, double clippedHighProb) {

  /**
   * From log ρ [B, T], log π_θold [B, T], the advantages (any shape that broadcasts to [B, T])
   * and the mask; all NaN when the mask is empty.
   */
  static RatioStats of(NDArray logRatio, NDArray oldLogProbs, NDArray advantages, NDArray mask, double epsLow,
      double epsHigh) {
    float[] logR = logRatio.stopGradient().toType(DataType.FLOAT32, false).toFloatArray();
    float[] m = mask.toType(DataType.FLOAT32, false).toFloatArray();
    float[] logOld = oldLogProbs.stopGradient().toType(DataType.FLOAT32, false).toFloatArray();
    float[] adv = advantages.stopGradient().toType(DataType.FLOAT32, false).mul(mask.toType(DataType.FLOAT32, false))
        .toFloatArray(); // broadcast to [B, T]
    double count = 0;
    double clipped = 0;
    double cutHigh = 0;
    double cutLow = 0;
    double cutHighProb = 0;
    double kl = 0;
    double sum = 0;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < logR.length; k++) {
      if (m[k] == 0) {
        continue;
      }
      double rho = Math.exp(logR[k]);
      count++;
      clipped += rho < 1 - epsLow || rho > 1 + epsHigh ? 1 : 0;
      if (adv[k] > 0 && rho > 1 + epsHigh) {
        cutHigh++;
        cutHighProb += Math.exp(logOld[k]);
      } else if (adv[k] < 0 && rho < 1 - epsLow) {
        cutLow++;
      }
      kl += rho - 1 - logR[k];
      sum += rho;
      min = Math.min(min, rho);
      max = Math.max(max, rho);
    }
    if (count == 0) {
      return new RatioStats(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
    return new RatioStats(clipped / count, kl / count, sum / count, min, max, cutHigh / count, cutLow / count,
        cutHigh == 0 ? Double.NaN : cutHighProb / cutHigh);
  }

  /**
   * What a clipped-ratio loss logs: losses/loss, losses/policy_loss, its other term under
   * {@code termKey} (the KL to π_ref, the value loss), then this record's keys.
   */
  Map<String, Double> metrics(NDArray loss, double policyLoss, String termKey, double term) {
    Map<String, Double> m = PolicyTraining.Objective.metrics(loss, List.of("losses/policy_loss", termKey), policyLoss,
        term);
    putInto(m);
    return m;
  }

  void putInto(Map<String, Double> metrics) {
    metrics.put("losses/clipfrac", clipFraction);
    metrics.put("losses/approx_kl", approxKl);
    metrics.put("losses/ratio_mean", ratioMean);
    metrics.put("losses/ratio_min", ratioMin);
    metrics.put("losses/ratio_max", ratioMax);
    metrics.put("losses/clipfrac_high", clipHighFraction);
    metrics.put("losses/clipfrac_low", clipLowFraction);
    if (!Double.isNaN(clippedHighProb)) {
      metrics.put("losses/clipped_high_prob", clippedHighProb);
    }
  }
}
