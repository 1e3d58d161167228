package dev.rlx.environments.classic;

import dev.rlx.api.Param;

/** Pendulum-v1 as Gymnasium defines it. */
public record PendulumParams(
    @Param(doc = "acceleration of gravity (Gymnasium's g)", defaultValue = "10.0", min = 0, unit = "m/s²")
    double g,
    @Param(doc = "time limit after which an episode is truncated (it never terminates)", defaultValue = "200", min = 1, unit = "steps")
    int maxEpisodeSteps) {}
