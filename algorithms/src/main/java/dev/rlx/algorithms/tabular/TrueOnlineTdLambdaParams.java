package dev.rlx.algorithms.tabular;

import dev.rlx.api.Param;
import dev.rlx.api.Params;

/** True online TD(λ) prediction (Sutton &amp; Barto §12.5; van Seijen &amp; Sutton 2014). */
public record TrueOnlineTdLambdaParams(
    @Param(doc = "step size α", defaultValue = "0.1", min = 0, minExclusive = true, max = 1)
    double alpha,
    @Params LambdaReturnParams lambdaReturn,
    @Param(doc = "initial value estimate V₀(s) of every non-terminal state", defaultValue = "0.0")
    double initialValue) {}
