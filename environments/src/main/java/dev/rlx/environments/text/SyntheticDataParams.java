package dev.rlx.environments.text;

import dev.rlx.api.Param;

/**
 * How a task draws its synthetic supervision, declared once and nested ({@link dev.rlx.api.Params})
 * in the arithmetic, answer-format and digit-string records: flipped labels, wrong
 * demonstrations, and KTO's class balance. The code task declares its own: its wrong
 * demonstrations are programs.
 */
public record SyntheticDataParams(
    @Param(doc = "probability a preference pair's or labelled response's label is flipped", defaultValue = "0", min = 0, max = 1)
    double labelNoise,
    @Param(doc = "probability a demonstration is correct (else a plausible wrong answer)", defaultValue = "1", min = 0, max = 1)
    double demoQuality,
    @Param(doc = "fraction of labelled responses generated correct (KTO's class balance)", defaultValue = "0.5", min = 0, max = 1)
    double desirableFraction) {

  /** The task's supervision, a wrong response earning up to {@code partialCredit}. */
  Supervision supervision(double partialCredit) {
    return new Supervision(labelNoise, demoQuality, desirableFraction, partialCredit);
  }
}
