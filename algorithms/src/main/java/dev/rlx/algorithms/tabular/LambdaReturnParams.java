package dev.rlx.algorithms.tabular;

import dev.rlx.api.Param;

/**
 * The λ-return the two TD(λ) prediction methods estimate, declared once and nested
 * ({@link dev.rlx.api.Params}) in their records: its discount γ and trace decay λ.
 */
public record LambdaReturnParams(
    @Param(doc = "discount γ; 1 for the undiscounted episodic random walk", defaultValue = "1.0", min = 0, max = 1)
    double gamma,
    @Param(doc = "trace decay λ: 0 is TD(0), 1 is Monte Carlo", defaultValue = "0.8", min = 0, max = 1)
    double lambda) {

  /** γλ, the traces' decay per step. */
  double gammaLambda() {
    return gamma * lambda;
  }
}
