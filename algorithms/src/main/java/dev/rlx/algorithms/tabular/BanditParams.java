package dev.rlx.algorithms.tabular;

import dev.rlx.api.Param;

/** Action-value methods for the k-armed bandit (Sutton &amp; Barto §2.2–2.7). */
public record BanditParams(
    @Param(doc = "exploration ε: the probability of a uniformly random arm (0 is greedy)", defaultValue = "0.1", min = 0, max = 1)
    double epsilon,
    @Param(doc = "step size of Q(a) ← Q(a) + step·[R − Q(a)]: sample_average (1/N(a), eq. 2.3) or constant (alpha, eq. 2.5)", defaultValue = "sample_average")
    StepSize stepSize,
    @Param(doc = "the constant step size α (used when step_size is constant)", defaultValue = "0.1", min = 0, minExclusive = true, max = 1)
    double alpha,
    @Param(doc = "initial estimate Q₁(a); optimistic values (e.g. 5) drive early exploration (§2.6, Fig. 2.3)", defaultValue = "0.0")
    double initialValue,
    @Param(doc = "UCB confidence c: the non-random choice is argmax Q(a) + c·√(ln t / N(a)) (§2.7, Fig. 2.4); 0 is plain ε-greedy", defaultValue = "0.0", min = 0)
    double ucbC,
    @Param(doc = "pulls averaged into each logged point of charts/reward and charts/optimal_action", defaultValue = "10", min = 1, unit = "steps")
    int logEvery) {

  /** How an estimate moves toward a new reward. */
  public enum StepSize {
    SAMPLE_AVERAGE,
    CONSTANT
  }
}
