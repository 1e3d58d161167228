package dev.rlx.algorithms.linear;

import dev.rlx.api.Param;
import dev.rlx.api.Params;

/** True online SARSA(λ) with tile-coded linear features (Sutton &amp; Barto §12.7; van Seijen et al. 2016). */
public record TrueOnlineSarsaLambdaParams(
    @Param(doc = "step size as Sutton & Barto's α × number of tilings: each active weight moves by alpha / tilings",
        defaultValue = "0.5", min = 0, minExclusive = true, max = 2)
    double alpha,
    @Param(doc = "discount γ", defaultValue = "1.0", min = 0, max = 1)
    double gamma,
    @Param(doc = "trace decay λ", defaultValue = "0.9", min = 0, max = 1)
    double lambda,
    @Param(doc = "exploration ε", defaultValue = "0.0", min = 0, max = 1)
    double epsilon,
    @Params TileCodingParams tiling) {}
