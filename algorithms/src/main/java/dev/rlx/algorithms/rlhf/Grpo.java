package dev.rlx.algorithms.rlhf;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Group-relative policy optimisation (rl-reference §7.6; Shao et al. 2024, DeepSeekMath): PPO's
 * clipped surrogate with a group-relative advantage ({@link GroupAdvantages}) in place of a
 * critic, and the KL to the frozen reference as a term of the loss rather than of the reward:
 *
 * <pre>
 *   ρ_t    = π_θ(y_t|·) / π_θold(y_t|·)
 *   ℓ_t    = −min(ρ_t A_i, clip(ρ_t, 1 − ε_low, 1 + ε_high) A_i) + β k_t        k_t: {@link KlEstimator}
 *   L_GRPO = aggregate(ℓ, mask)                                                 {@link LossAggregation}
 * </pre>
 *
 * GRPO proper has ε_low = ε_high = ε and the per-sequence mean ({@link Config#grpo}); DAPO's
 * clip-higher and token-level mean are the same function with another {@link Config}
 * ({@link Dapo#config}).
 */
public final class Grpo {

  private Grpo() {}

  /**
   * @param epsLow ρ is clipped below at 1 − ε_low
   * @param epsHigh ρ is clipped above at 1 + ε_high (= ε_low in GRPO; larger in DAPO)
   * @param beta weight of the KL-to-reference term (0 turns it off; the reference may then be null)
   * @param klEstimator how the per-token KL is estimated
   * @param aggregation how per-token losses are averaged
   */
  public record Config(double epsLow, double epsHigh, double beta, KlEstimator klEstimator,
      LossAggregation aggregation) {

    public Config {
      if (!(epsLow > 0 && epsLow < 1)) {
        throw new IllegalArgumentException("epsLow must lie in (0, 1) so that 1 − ε_low > 0, found " + epsLow);
      }
      Tensors.requirePositive("epsHigh", epsHigh);
      if (!(beta >= 0) || Double.isInfinite(beta)) {
        throw new IllegalArgumentException("beta must be ≥ 0 and finite (0.04 in §7.6's exercise), found " + beta);
      }
      if (klEstimator == null || aggregation == null) {
        throw new IllegalArgumentException("klEstimator and aggregation are required, e.g. K3 and SEQUENCE_MEAN");
      }
    }

    /** GRPO as published: symmetric clip ε, KL weight β with the k3 estimator (DeepSeekMath eq. 4), per-sequence mean. */
    public static Config grpo(double eps, double beta) {
      return new Config(eps, eps, beta, KlEstimator.K3, LossAggregation.SEQUENCE_MEAN);
    }
  }

  /**
   * @param logProbs log π_θ of the sampled response tokens, [B, T]
   * @param oldLogProbs log π_θold of the same tokens (the sampling policy), [B, T]
   * @param refLogProbs log π_ref, [B, T]; may be null when β = 0
   * @param mask response-token mask, [B, T]
   * @param advantages A_i per sequence [B] (broadcast over tokens) or per token [B, T]
   */
  public static Result loss(NDArray logProbs, NDArray oldLogProbs, NDArray refLogProbs, NDArray mask,
      NDArray advantages, Config config) {
    Shape shape = Tensors.requireTokens("logProbs", logProbs);
    Tensors.requireShape("oldLogProbs", oldLogProbs, shape, "the sampling policy's log-probabilities");
    Tensors.requireShape("mask", mask, shape, "the response mask");
    NDArray keep = Tensors.keep(mask);
    NDArray adv = tokenAdvantages(advantages, shape, keep);
    NDArray m = Tensors.maskLike(mask, logProbs);

    NDArray logRatio = Tensors.onMask(logProbs, keep).sub(Tensors.onMask(oldLogProbs.stopGradient(), keep));
    NDArray ratio = logRatio.exp();
    NDArray policyTerm = RatioStats.clippedSurrogate(ratio, adv, config.epsLow(), config.epsHigh());
    NDArray perToken = policyTerm;
    double klRef = Double.NaN;
    if (config.beta() > 0) {
      if (refLogProbs == null) {
        throw new IllegalArgumentException("refLogProbs is required when beta > 0 (beta = " + config.beta() + ")");
      }
      NDArray kl = config.klEstimator().perToken(logProbs, refLogProbs, m);
      perToken = policyTerm.add(kl.mul((float) config.beta()));
      klRef = Tensors.scalar(LossAggregation.TOKEN_MEAN.aggregate(kl, m));
    } else if (refLogProbs != null) {
      NDArray kl = config.klEstimator().perToken(logProbs.stopGradient(), refLogProbs, m);
      klRef = Tensors.scalar(LossAggregation.TOKEN_MEAN.aggregate(kl, m));
    }
    NDArray loss = config.aggregation().aggregate(perToken, m);
    double policyLoss = Tensors.scalar(config.aggregation().aggregate(policyTerm, m));
    return new Result(loss, policyLoss, klRef, RatioStats.of(logRatio, m, config.epsLow(), config.epsHigh()));
  }

  static NDArray tokenAdvantages(NDArray advantages, Shape shape, NDArray keep) {
    if (advantages != null && advantages.getShape().equals(new Shape(shape.get(0)))) {
      return advantages.stopGradient().reshape(shape.get(0), 1); // every token of y_i inherits A_i
    }
    Tensors.requireShape("advantages", advantages, shape, "advantages per token (or per sequence, [B])");
    return Tensors.onMask(advantages.stopGradient(), keep);
  }

  /**
   * @param loss the scalar loss, differentiable
   * @param policyLoss the clipped-surrogate part alone, aggregated the same way
   * @param klToReference token mean of the chosen KL estimator to π_ref (NaN without a reference)
   * @param ratio statistics of ρ
   */
  public record Result(NDArray loss, double policyLoss, double klToReference, RatioStats ratio) {

    /** losses/loss, losses/policy_loss, losses/kl_ref, then {@link RatioStats}' keys. */
    public Map<String, Double> metrics() {
      Map<String, Double> m = new LinkedHashMap<>();
      m.put("losses/loss", Tensors.scalar(loss));
      m.put("losses/policy_loss", policyLoss);
      m.put("losses/kl_ref", klToReference);
      ratio.putInto(m);
      return m;
    }
  }
}
