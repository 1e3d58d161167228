package dev.rlx.algorithms.tabular;

import dev.rlx.api.Param;
import dev.rlx.api.Params;

/** TD(λ) prediction with eligibility traces (references.md §6.2). */
public record TdLambdaParams(
    @Param(doc = "step size α of V(s) ← V(s) + α δ e(s)", defaultValue = "0.1", min = 0, minExclusive = true, max = 1)
    double alpha,
    @Params LambdaReturnParams lambdaReturn,
    @Param(doc = "accumulating (e(s) += 1) or replacing (e(s) = 1) traces", defaultValue = "accumulating")
    Trace trace,
    @Param(doc = "initial value estimate V₀(s) of every non-terminal state", defaultValue = "0.0")
    double initialValue,
    @Param(doc = "online: update V at every step; offline: hold V fixed during an episode and apply the summed "
        + "updates at its end (then equal to the forward-view λ-return updates)", defaultValue = "online")
    Update update) {

  /** When the updates are applied to V. */
  public enum Update {
    ONLINE,
    OFFLINE
  }

  /** How a visit updates a state's eligibility trace. */
  public enum Trace {
    ACCUMULATING,
    REPLACING
  }
}
