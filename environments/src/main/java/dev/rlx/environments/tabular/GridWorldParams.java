package dev.rlx.environments.tabular;

import dev.rlx.api.Param;

/** The gridworld of Sutton &amp; Barto Example 4.1, sized, walled, rewarded and made slippery at will. */
public record GridWorldParams(
    @Param(doc = "rows", defaultValue = "4", min = 2, max = 100) int rows,
    @Param(doc = "columns", defaultValue = "4", min = 2, max = 100) int cols,
    @Param(doc = "reward of every step", defaultValue = "-1.0") double stepReward,
    @Param(doc = "probability that a move slips to one of the two perpendicular directions", defaultValue = "0.0", min = 0, max = 1)
    double slip,
    @Param(doc = "extra reward for the move that enters a terminal corner, on top of step_reward", defaultValue = "0.0")
    double goalReward,
    @Param(doc = "wall cells, which moves cannot enter, as row,col pairs separated by spaces (0-based), e.g. \"1,1 1,2\"",
        defaultValue = "", pattern = "\\s*(\\d+,\\d+(\\s+\\d+,\\d+)*)?\\s*", patternDoc = "row,col pairs separated by spaces, e.g. \"1,1 1,2\"")
    String walls) {

  /** An open grid without a goal bonus. */
  public GridWorldParams(int rows, int cols, double stepReward, double slip) {
    this(rows, cols, stepReward, slip, 0.0, "");
  }
}
