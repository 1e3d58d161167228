package dev.rlx.environments.classic;

import dev.rlx.api.Param;

/** Mountain Car as Sutton &amp; Barto Example 10.1 defines it. */
public record MountainCarParams(
    @Param(doc = "time limit after which an episode is truncated (not terminated); 0: none, as in Sutton & Barto "
        + "(Gymnasium's MountainCar-v0 uses 200)", defaultValue = "0", min = 0, unit = "steps")
    int maxEpisodeSteps) {}
