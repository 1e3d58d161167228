package dev.rlx.environments.tabular;

import dev.rlx.api.Param;

/** The maximization-bias MDP of Sutton &amp; Barto Example 6.7 (Fig. 6.5). */
public record MaximizationBiasParams(
    @Param(doc = "actions in state B, each ending the episode with a N(mean, std) reward", defaultValue = "10", min = 1)
    int bActions,
    @Param(doc = "mean of B's rewards (negative: going left is worse in expectation)", defaultValue = "-0.1")
    double rewardMean,
    @Param(doc = "standard deviation of B's rewards", defaultValue = "1.0", min = 0)
    double rewardStd) {}
