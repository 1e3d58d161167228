package dev.rlx.algorithms.a2c;

import dev.rlx.algorithms.deep.OnPolicyDetails;
import dev.rlx.algorithms.deep.OnPolicySettings;
import dev.rlx.api.Param;
import dev.rlx.api.Params;

/**
 * Synchronous advantage actor-critic (references.md §3.2). Defaults are the reference's
 * recipe (exercise 1: 8 parallel envs, 5-step rollouts, bootstrapped n-step returns, one
 * gradient step per rollout, entropy 0.01) with SB3's coefficients (value 0.5, max grad norm
 * 0.5, lr 7e-4).
 */
public record A2cParams(
    @Param(doc = "discount γ", defaultValue = "0.99", min = 0, max = 1, maxExclusive = true)
    double gamma,
    @Param(doc = "GAE λ of the advantages: 1 gives the num_steps-step bootstrapped returns of A2C, 0 the one-step TD error (§6.6)",
        defaultValue = "1.0", min = 0, max = 1)
    double gaeLambda,
    @Param(doc = "entropy bonus coefficient β of −β·H[π] in the actor loss", defaultValue = "0.01", min = 0)
    double entCoef,
    @Param(doc = "value-loss coefficient", defaultValue = "0.5", min = 0)
    double vfCoef,
    @Param(doc = "learning rate (Adam: DJL's PyTorch engine has no RMSprop update)", defaultValue = "7.0e-4", min = 0, minExclusive = true)
    double lr,
    @Param(doc = "Adam ε", defaultValue = "1.0e-5", min = 0, minExclusive = true)
    double adamEps,
    @Param(doc = "parallel environments per rollout", defaultValue = "8", min = 1)
    int numEnvs,
    @Param(doc = "steps per environment per rollout (the n of the n-step returns)", defaultValue = "5", min = 1, unit = "steps")
    int numSteps,
    @Param(doc = "global gradient-norm clip", defaultValue = "0.5", min = 0, minExclusive = true)
    double maxGradNorm,
    @Param(doc = "normalise advantages per update", defaultValue = "false")
    boolean normAdv,
    @Params OnPolicyDetails details) implements OnPolicySettings {}
