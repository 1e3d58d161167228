package dev.rlx.algorithms.rlhf;

import dev.rlx.api.Param;
import dev.rlx.api.Params;

/**
 * GRPO on a task's verifier (references.md §7.6, §7.7): K completions per prompt, group-relative
 * advantages, PPO's clipped surrogate and a KL term to the frozen SFT reference in the loss.
 * DAPO's four fixes are switches here too ({@code clip_eps_high}, {@code dynamic_sampling},
 * {@code loss_aggregation: token_mean}, {@code overlong_cache}); the {@code dapo} algorithm turns
 * them on by default.
 */
public record GrpoParams(
    @Param(doc = "K: completions sampled per prompt (the group whose mean reward is the baseline)", defaultValue = "8",
        min = 2)
    int groupSize,
    @Param(doc = "prompts per update (each with K completions)", defaultValue = "8", min = 1)
    int promptsPerStep,
    @Param(doc = "β: weight of the KL-to-reference term in the loss", defaultValue = "0.04", min = 0)
    double beta,
    @Param(doc = "the per-token KL estimator of the β term (Schulman's k1, k2, k3)", defaultValue = "k3")
    KlEstimator klEstimator,
    @Param(doc = "ε_low: ρ is clipped below at 1 − ε_low", defaultValue = "0.2", min = 0, max = 1, minExclusive = true,
        maxExclusive = true)
    double clipEps,
    @Param(doc = "ε_high: ρ is clipped above at 1 + ε_high (= ε_low in GRPO; DAPO's clip-higher: 0.28)",
        defaultValue = "0.2", min = 0, minExclusive = true)
    double clipEpsHigh,
    @Param(doc = "sequence_mean: mean over each response's tokens, then over responses (GRPO); token_mean: over all tokens (DAPO)",
        defaultValue = "sequence_mean")
    LossAggregation lossAggregation,
    @Param(doc = "std: A_i = (r_i − mean)/(std + ε) (GRPO); none: r_i − mean (Dr. GRPO)", defaultValue = "std")
    GroupAdvantages.Scale advantageScale,
    @Param(doc = "DAPO dynamic sampling: drop groups whose K rewards are all equal and refill from fresh prompts",
        defaultValue = "false")
    boolean dynamicSampling,
    @Param(doc = "most extra sampling rounds per update when refilling (dynamic sampling)", defaultValue = "4", min = 0)
    int maxRefillRounds,
    @Param(doc = "DAPO overlong shaping: L_cache, the soft-penalty zone before the response limit (0: off)",
        defaultValue = "0", min = 0, unit = "tokens")
    int overlongCache,
    @Param(doc = "passes over each batch of completions (μ; ρ = 1 on the first step)", defaultValue = "2", min = 1)
    int updateEpochs,
    @Param(doc = "minibatches (whole groups each) a batch is split into for every pass: μ × this many gradient steps a batch",
        defaultValue = "1", min = 1)
    int numMinibatches,
    @Param(doc = "sampling temperature of the rollouts", defaultValue = "1.0", min = 0, minExclusive = true)
    double temperature,
    @Param(doc = "Adam learning rate", defaultValue = "3.0e-4", min = 0, minExclusive = true)
    double lr,
    @Params LmParams lm) {}
