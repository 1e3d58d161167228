package dev.rlx.algorithms.linear;

import dev.rlx.api.Param;
import dev.rlx.api.Params;

/** SARSA(λ) with tile-coded linear features (references.md §6.3; Sutton &amp; Barto §12.7). */
public record SarsaLambdaParams(
    @Param(doc = "step size as Sutton & Barto's α × number of tilings (the x-axis of Fig. 12.10): each active "
        + "weight moves by alpha / tilings", defaultValue = "0.5", min = 0, minExclusive = true, max = 2)
    double alpha,
    @Param(doc = "discount γ; 1 for the undiscounted Mountain Car", defaultValue = "1.0", min = 0, max = 1)
    double gamma,
    @Param(doc = "trace decay λ: 0 is one-step SARSA", defaultValue = "0.9", min = 0, max = 1)
    double lambda,
    @Param(doc = "exploration ε; 0 suffices on Mountain Car, where optimistic zero weights drive exploration",
        defaultValue = "0.0", min = 0, max = 1)
    double epsilon,
    @Param(doc = "accumulating (z_i += 1) or replacing (z_i = 1) traces on the active features", defaultValue = "replacing")
    Trace trace,
    @Params TileCodingParams tiling) {

  /** How a visit updates the traces of the active features. */
  public enum Trace {
    ACCUMULATING,
    REPLACING
  }
}
