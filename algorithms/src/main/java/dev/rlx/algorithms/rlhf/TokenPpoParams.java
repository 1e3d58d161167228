package dev.rlx.algorithms.rlhf;

import dev.rlx.api.Param;
import dev.rlx.api.Params;

/**
 * The full RLHF pipeline of references.md §7.1–7.3: SFT on the task's demonstrations, a reward
 * model on its preference pairs (or the task's verifier as the reward), then token-level PPO with
 * a per-token KL penalty β to the frozen SFT model.
 */
public record TokenPpoParams(
    @Param(doc = "β: the per-token KL penalty −β log π_θ/π_ref in the reward", defaultValue = "0.05", min = 0)
    double beta,
    @Param(doc = "what scores a response: a reward model fit to the task's preference pairs, or the task's verifier",
        defaultValue = "reward_model", allowed = {"reward_model", "verifier"})
    String reward,
    @Param(doc = "GAE λ over the response tokens (γ = 1)", defaultValue = "0.95", min = 0, max = 1)
    double gaeLambda,
    @Param(doc = "clip range ε of the surrogate", defaultValue = "0.2", min = 0, max = 1, minExclusive = true,
        maxExclusive = true)
    double clipEps,
    @Param(doc = "value-loss coefficient c_v", defaultValue = "0.5", min = 0)
    double vfCoef,
    @Param(doc = "gradient steps on each batch of rollouts", defaultValue = "4", min = 1)
    int updateEpochs,
    @Param(doc = "prompts (one response each) per batch of rollouts", defaultValue = "32", min = 2)
    int promptsPerStep,
    @Param(doc = "normalise the advantages over each batch's response tokens", defaultValue = "true")
    boolean normAdv,
    @Param(doc = "sampling temperature of the rollouts", defaultValue = "1.0", min = 0, minExclusive = true)
    double temperature,
    @Param(doc = "Adam learning rate of the policy and its value head", defaultValue = "3.0e-4", min = 0,
        minExclusive = true)
    double lr,
    @Param(doc = "global gradient-norm clip", defaultValue = "1.0", min = 0, minExclusive = true)
    double maxGradNorm,
    @Param(doc = "preference pairs the reward model is trained on (its budget; stage 2)", defaultValue = "8192", min = 1)
    int rmPairs,
    @Param(doc = "distinct pairs in the reward model's fixed training set", defaultValue = "2048", min = 1)
    int rmDatasetSize,
    @Param(doc = "reward-model learning rate", defaultValue = "3.0e-4", min = 0, minExclusive = true)
    double rmLr,
    @Param(doc = "SFT warm-start steps on the task's demonstrations (the reference model π_ref; stage 1)",
        defaultValue = "400", min = 0, unit = "updates")
    int sftSteps,
    @Param(doc = "SFT warm-start learning rate", defaultValue = "1.0e-3", min = 0, minExclusive = true)
    double sftLr,
    @Param(doc = "held-out prompts per evaluation", defaultValue = "128", min = 1)
    int evalPrompts,
    @Params TransformerParams transformer) {

  /** The reward model's settings (stage 2), from this pipeline's. */
  RewardModelParams rewardModel() {
    return new RewardModelParams("bradley_terry", 1.0, rmLr, 32, rmDatasetSize, 512, maxGradNorm, sftSteps, sftLr,
        transformer);
  }
}
