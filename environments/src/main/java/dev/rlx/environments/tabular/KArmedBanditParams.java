package dev.rlx.environments.tabular;

import dev.rlx.api.Param;

/** The k-armed Gaussian testbed of Sutton &amp; Barto §2.3 (and its nonstationary variant, Exercise 2.5). */
public record KArmedBanditParams(
    @Param(doc = "number of arms k", defaultValue = "10", min = 2, max = 10_000, unit = "arms")
    int k,
    @Param(doc = "mean of the true values: q*(a) ~ N(mean_offset, value_std²) (+4 in Fig. 2.5)", defaultValue = "0.0")
    double meanOffset,
    @Param(doc = "spread of the true values q*(a) around mean_offset; 0 starts every arm equal (Exercise 2.5)", defaultValue = "1.0", min = 0)
    double valueStd,
    @Param(doc = "noise of a reward: R ~ N(q*(a), reward_std²)", defaultValue = "1.0", min = 0)
    double rewardStd,
    @Param(doc = "nonstationary: after every pull each q*(a) takes an independent N(0, walk_std²) step (0.01 in Exercise 2.5); 0 is stationary", defaultValue = "0.0", min = 0)
    double walkStd) {}
