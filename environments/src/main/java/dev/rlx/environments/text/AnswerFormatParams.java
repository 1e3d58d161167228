package dev.rlx.environments.text;

import dev.rlx.api.Param;
import dev.rlx.api.Params;

/** The answer-format task: arithmetic whose answer must read "Answer: X". */
public record AnswerFormatParams(
    @Param(doc = "the operators prompts draw from, any of + - * /", defaultValue = "+-",
        pattern = "[-+*/]+", patternDoc = "one or more of + - * /")
    String ops,
    @Param(doc = "smallest operand", defaultValue = "0", min = 0, max = 999_999)
    int minOperand,
    @Param(doc = "largest operand", defaultValue = "20", min = 1, max = 999_999)
    int maxOperand,
    @Param(doc = "reward for the right format with a wrong value (a correct value in the wrong format earns 0)",
        defaultValue = "0.2", min = 0, max = 1, maxExclusive = true)
    double formatCredit,
    @Params SyntheticDataParams syntheticData) {

  public AnswerFormatParams {
    ArithmeticParams.checkOperands(minOperand, maxOperand);
  }

  ArithmeticParams arithmetic() {
    return new ArithmeticParams(ops, minOperand, maxOperand, 0, syntheticData);
  }

  Supervision supervision() {
    return syntheticData.supervision(formatCredit);
  }
}
