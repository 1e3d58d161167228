package dev.rlx.algorithms.tabular;

import dev.rlx.api.Param;

/** True online TD(λ) prediction (Sutton &amp; Barto §12.5; van Seijen &amp; Sutton 2014). */
public record TrueOnlineTdLambdaParams(
    @Param(doc = "step size α", defaultValue = "0.1", min = 0, minExclusive = true, max = 1)
    double alpha,
    @Param(doc = "discount γ; 1 for the undiscounted episodic random walk", defaultValue = "1.0", min = 0, max = 1)
    double gamma,
    @Param(doc = "trace decay λ: 0 is TD(0), 1 is Monte Carlo", defaultValue = "0.8", min = 0, max = 1)
    double lambda,
    @Param(doc = "initial value estimate V₀(s) of every non-terminal state", defaultValue = "0.0")
    double initialValue) {}
