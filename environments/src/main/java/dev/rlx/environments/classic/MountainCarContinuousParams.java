package dev.rlx.environments.classic;

import dev.rlx.api.Param;

/** MountainCarContinuous-v0 as Gymnasium defines it. */
public record MountainCarContinuousParams(
    @Param(doc = "time limit after which an episode is truncated (not terminated)", defaultValue = "999", min = 1, unit = "steps")
    int maxEpisodeSteps,
    @Param(doc = "the velocity the car must at least have at the goal position (Gymnasium's goal_velocity)", defaultValue = "0")
    double goalVelocity) {}
