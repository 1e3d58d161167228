package dev.rlx.environments.text;

import dev.rlx.api.Param;
import dev.rlx.api.Params;

/** The digit-string tasks (sort, reverse): a string of random digits to transform. */
public record DigitStringParams(
    @Param(doc = "shortest digit string", defaultValue = "3", min = 1, max = 64)
    int minLength,
    @Param(doc = "longest digit string", defaultValue = "6", min = 1, max = 64)
    int maxLength,
    @Param(doc = "largest reward a wrong answer earns in proportion to its digits in place (0: binary 1/0 reward)",
        defaultValue = "0", min = 0, max = 1, maxExclusive = true)
    double partialCredit,
    @Params SyntheticDataParams syntheticData,
    @Param(doc = "text-permute only: probability a correct demonstration or preferred response is the sorted "
        + "arrangement rather than a uniformly random one (a corpus with a house style: π_ref then has one dominant "
        + "answer and rare correct alternatives)", defaultValue = "0", min = 0, max = 1)
    double sortedDemonstrations) {

  public DigitStringParams {
    if (minLength > maxLength) {
      throw new IllegalArgumentException("min_length must be ≤ max_length, got " + minLength + " > " + maxLength);
    }
  }

  Supervision supervision() {
    return syntheticData.supervision(partialCredit);
  }
}
