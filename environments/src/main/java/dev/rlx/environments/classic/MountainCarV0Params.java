package dev.rlx.environments.classic;

import dev.rlx.api.Param;

/** MountainCar-v0 as Gymnasium defines it. */
public record MountainCarV0Params(
    @Param(doc = "time limit after which an episode is truncated (not terminated)", defaultValue = "200", min = 1, unit = "steps")
    int maxEpisodeSteps,
    @Param(doc = "the velocity the car must at least have at the goal position (Gymnasium's goal_velocity)", defaultValue = "0")
    double goalVelocity) {}
