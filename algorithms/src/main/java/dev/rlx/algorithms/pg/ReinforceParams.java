package dev.rlx.algorithms.pg;

import dev.rlx.api.Param;

/** REINFORCE (references.md §3.1; Williams 1992), with an optional baseline. */
public record ReinforceParams(
    @Param(doc = "discount γ", defaultValue = "0.99", min = 0, max = 1)
    double gamma,
    @Param(doc = "Adam learning rate of the policy (and of the value baseline)", defaultValue = "0.005", min = 0, minExclusive = true)
    double lr,
    @Param(doc = "baseline b(s) subtracted from G_t: none, a running mean of returns, or a learned V(s)", defaultValue = "none")
    Baseline baseline,
    @Param(doc = "running-mean baseline: b ← m·b + (1 − m)·mean(G)", defaultValue = "0.9", min = 0, max = 1, maxExclusive = true)
    double baselineMomentum,
    @Param(doc = "hidden units of the 1-layer tanh policy (and value) MLP", defaultValue = "64", min = 1)
    int hiddenSize,
    @Param(doc = "episodes in the rolling window of losses/grad_norm_var", defaultValue = "50", min = 2, unit = "episodes")
    int varianceWindow) {

  /** What is subtracted from the return. */
  public enum Baseline {
    NONE,
    RUNNING_MEAN,
    LEARNED_VALUE
  }
}
