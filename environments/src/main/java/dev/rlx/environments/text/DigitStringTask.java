package dev.rlx.environments.text;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * "sort 31415=" → "11345" or "rev 31415=" → "51413": a random digit string transformed. The
 * response must equal the answer exactly; a wrong answer of severity k has k digits wrong.
 */
public abstract sealed class DigitStringTask extends VerifiableTextTask permits DigitStringTask.Sort, DigitStringTask.Reverse {

  private final DigitStringParams params;
  private final String command;

  DigitStringTask(DigitStringParams params, String command) {
    super(params.supervision());
    this.params = params;
    this.command = command;
  }

  abstract String transform(String digits);

  @Override
  public int maxPromptLength() {
    return 1 + 2 + params.maxLength() + 1; // BOS, command, space, digits, "="
  }

  @Override
  public int maxResponseLength() {
    return params.maxLength() + 3; // up to two extra digits in wrong answers, and EOS
  }

  @Override
  public Prompt samplePrompt(SplittableRandom rng) {
    int length = rng.nextInt(params.minLength(), params.maxLength() + 1);
    StringBuilder digits = new StringBuilder();
    for (int i = 0; i < length; i++) {
      digits.append((char) ('0' + rng.nextInt(10)));
    }
    return prompt(command + " " + digits + "=", transform(digits.toString()));
  }

  @Override
  int severities() {
    return 3;
  }

  @Override
  String wrongResponse(Prompt prompt, int severity, SplittableRandom rng) {
    return corruptDigits(prompt.answer(), severity, false, rng);
  }

  @Override
  double score(Prompt prompt, String response) {
    return graded(response.equals(prompt.answer()), positionalCloseness(response, prompt.answer(), false));
  }

  /** The digits in ascending order. */
  public static final class Sort extends DigitStringTask {
    @jakarta.inject.Inject
    public Sort(DigitStringParams params) {
      super(params, "sort");
    }

    @Override
    String transform(String digits) {
      char[] c = digits.toCharArray();
      Arrays.sort(c);
      return new String(c);
    }
  }

  /** The digits in reverse order. */
  public static final class Reverse extends DigitStringTask {
    @jakarta.inject.Inject
    public Reverse(DigitStringParams params) {
      super(params, "rev");
    }

    @Override
    String transform(String digits) {
      return new StringBuilder(digits).reverse().toString();
    }
  }
}
