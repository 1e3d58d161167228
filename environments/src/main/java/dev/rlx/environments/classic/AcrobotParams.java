package dev.rlx.environments.classic;

import dev.rlx.api.Param;

/** Acrobot-v1 as Gymnasium defines it. */
public record AcrobotParams(
    @Param(doc = "time limit after which an episode is truncated (not terminated)", defaultValue = "500", min = 1, unit = "steps")
    int maxEpisodeSteps) {}
