package dev.rlx.algorithms.ppo;

import dev.rlx.algorithms.deep.OnPolicyDetails;
import dev.rlx.algorithms.deep.OnPolicySettings;
import dev.rlx.api.Param;
import dev.rlx.api.Params;

/**
 * PPO with the clipped surrogate and GAE advantages (references.md §3.4, §6.6). Defaults are
 * the reference's CartPole recipe: 4 envs × 128 steps, 4 epochs × 4 minibatches, ε = 0.2,
 * λ = 0.95, value 0.5, entropy 0.01, max grad norm 0.5, Adam lr 3e-4 with ε = 1e-5.
 */
public record PpoParams(
    @Param(doc = "discount γ", defaultValue = "0.99", min = 0, max = 1, maxExclusive = true)
    double gamma,
    @Param(doc = "GAE λ: 0 is the one-step TD advantage δ_t, 1 the Monte-Carlo advantage (§6.6)", defaultValue = "0.95", min = 0, max = 1)
    double gaeLambda,
    @Param(doc = "clip range ε of the probability ratio r_t(θ) ∈ [1 − ε, 1 + ε]", defaultValue = "0.2", min = 0, minExclusive = true)
    double clipEps,
    @Param(doc = "Adam learning rate", defaultValue = "3.0e-4", min = 0, minExclusive = true)
    double lr,
    @Param(doc = "Adam ε (1e-5, not 1e-8: an 'implementation matters' detail)", defaultValue = "1.0e-5", min = 0, minExclusive = true)
    double adamEps,
    @Param(doc = "parallel environments per rollout", defaultValue = "4", min = 1)
    int numEnvs,
    @Param(doc = "steps per environment per rollout", defaultValue = "128", min = 1, unit = "steps")
    int numSteps,
    @Param(doc = "optimisation epochs over each rollout", defaultValue = "4", min = 1)
    int updateEpochs,
    @Param(doc = "minibatches per epoch", defaultValue = "4", min = 1)
    int numMinibatches,
    @Param(doc = "entropy bonus coefficient β", defaultValue = "0.01", min = 0)
    double entCoef,
    @Param(doc = "value-loss coefficient", defaultValue = "0.5", min = 0)
    double vfCoef,
    @Param(doc = "global gradient-norm clip", defaultValue = "0.5", min = 0, minExclusive = true)
    double maxGradNorm,
    @Param(doc = "normalise advantages per minibatch", defaultValue = "true")
    boolean normAdv,
    @Param(doc = "clip V_new around V_old by ε (§3.4 exercise 2)", defaultValue = "false")
    boolean clipVloss,
    @Params OnPolicyDetails details) implements OnPolicySettings {}
