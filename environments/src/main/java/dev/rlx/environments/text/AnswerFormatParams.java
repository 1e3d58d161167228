package dev.rlx.environments.text;

import dev.rlx.api.Param;

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
    @Param(doc = "probability a preference pair's or labelled response's label is flipped", defaultValue = "0", min = 0, max = 1)
    double labelNoise,
    @Param(doc = "probability a demonstration is correct (else a plausible wrong answer)", defaultValue = "1", min = 0, max = 1)
    double demoQuality,
    @Param(doc = "fraction of labelled responses generated correct (KTO's class balance)", defaultValue = "0.5", min = 0, max = 1)
    double desirableFraction) {

  public AnswerFormatParams {
    if (minOperand > maxOperand) {
      throw new IllegalArgumentException("min_operand must be ≤ max_operand, got " + minOperand + " > " + maxOperand);
    }
  }

  ArithmeticParams arithmetic() {
    return new ArithmeticParams(ops, minOperand, maxOperand, 0, labelNoise, demoQuality, desirableFraction);
  }

  Supervision supervision() {
    return new Supervision(labelNoise, demoQuality, desirableFraction, formatCredit);
  }
}
