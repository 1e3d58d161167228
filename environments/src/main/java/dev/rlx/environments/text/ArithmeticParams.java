package dev.rlx.environments.text;

import dev.rlx.api.Param;
import dev.rlx.api.Params;

/** The arithmetic task: "a op b=" → the exact result. */
public record ArithmeticParams(
    @Param(doc = "the operators prompts draw from, any of + - * / (/ gives exact fractions such as 7/2)",
        defaultValue = "+-*", pattern = "[-+*/]+", patternDoc = "one or more of + - * /")
    String ops,
    @Param(doc = "smallest operand", defaultValue = "0", min = 0, max = 999_999)
    int minOperand,
    @Param(doc = "largest operand", defaultValue = "99", min = 1, max = 999_999)
    int maxOperand,
    @Param(doc = "largest reward a wrong answer earns in proportion to its digits in place (0: binary 1/0 reward)",
        defaultValue = "0", min = 0, max = 1, maxExclusive = true)
    double partialCredit,
    @Params SyntheticDataParams syntheticData) {

  public ArithmeticParams {
    checkOperands(minOperand, maxOperand);
  }

  /** The operand range is not empty (the answer-format task draws from it too). */
  static void checkOperands(int minOperand, int maxOperand) {
    if (minOperand > maxOperand) {
      throw new IllegalArgumentException("min_operand must be ≤ max_operand, got " + minOperand + " > " + maxOperand);
    }
  }

  Supervision supervision() {
    return syntheticData.supervision(partialCredit);
  }
}
