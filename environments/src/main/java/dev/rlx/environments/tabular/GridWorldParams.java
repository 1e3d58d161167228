package dev.rlx.environments.tabular;

import dev.rlx.api.Param;

/** The gridworld of Sutton &amp; Barto Example 4.1, sized and made slippery at will. */
public record GridWorldParams(
    @Param(doc = "rows", defaultValue = "4", min = 2, max = 100) int rows,
    @Param(doc = "columns", defaultValue = "4", min = 2, max = 100) int cols,
    @Param(doc = "reward of every step", defaultValue = "-1.0") double stepReward,
    @Param(doc = "probability that a move slips to one of the two perpendicular directions", defaultValue = "0.0", min = 0, max = 1)
    double slip) {}
