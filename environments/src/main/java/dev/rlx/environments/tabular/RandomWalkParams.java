package dev.rlx.environments.tabular;

import dev.rlx.api.Param;

/** The n-state random walk of Sutton &amp; Barto Example 6.2 / Fig. 7.2 (references.md §6.1). */
public record RandomWalkParams(
    @Param(doc = "non-terminal states (5 in Example 6.2, 19 in Fig. 7.2 and 12.3); start in the middle", defaultValue = "19", min = 3, unit = "states")
    int nStates,
    @Param(doc = "reward for terminating on the left (0 in Example 6.2, −1 in Fig. 7.2)", defaultValue = "-1.0")
    double leftReward,
    @Param(doc = "reward for terminating on the right", defaultValue = "1.0")
    double rightReward) {}
