package dev.rlx.algorithms.tabular;

import dev.rlx.api.Param;
import dev.rlx.api.Params;

/** One-step tabular control: SARSA, Expected SARSA and Q-learning (references.md §2.1–2.2). */
public record TdControlParams(
    @Param(doc = "step size α", defaultValue = "0.1", min = 0, minExclusive = true, max = 1)
    double alpha,
    @Param(doc = "discount γ", defaultValue = "0.99", min = 0, max = 1)
    double gamma,
    @Params ExplorationParams exploration) {}
