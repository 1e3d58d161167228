package dev.rlx.environments.text;

import jakarta.inject.Inject;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * "7+5=?" → "Answer: 12": arithmetic whose response must follow the format exactly
 * ({@link FormatVerifier}). Reward 1 for the format with an equivalent value,
 * {@code format_credit} for the format with a wrong value, 0 otherwise (a bare "12" included).
 * Wrong responses by severity: 1 the format with a wrong digit, 2 the bare right value, 3 the
 * bare wrong value.
 */
public final class AnswerFormatTask extends VerifiableTextTask {

  private final AnswerFormatParams params;
  private final ArithmeticTask arithmetic;

  @Inject
  public AnswerFormatTask(AnswerFormatParams params) {
    super(params.supervision());
    this.params = params;
    this.arithmetic = new ArithmeticTask(params.arithmetic());
  }

  @Override
  public int maxPromptLength() {
    return arithmetic.maxPromptLength() + 1;
  }

  @Override
  public int maxResponseLength() {
    return arithmetic.maxResponseLength() + 2; // "Answer:" and " "
  }

  @Override
  public Prompt samplePrompt(SplittableRandom rng) {
    Prompt question = arithmetic.samplePrompt(rng);
    return prompt(question.text() + "?", "Answer: " + question.answer());
  }

  @Override
  String wrongResponse(Prompt prompt, int severity, SplittableRandom rng) {
    String value = value(prompt);
    return switch (severity) {
      case 1 -> "Answer: " + corruptDigits(value, 1, true, rng);
      case 2 -> value;
      default -> corruptDigits(value, 1, true, rng);
    };
  }

  @Override
  double score(Prompt prompt, String response) {
    Optional<String> answer = FormatVerifier.answer(response);
    if (answer.isEmpty()) {
      return 0;
    }
    return MathVerifier.equivalent(answer.get(), value(prompt)) ? 1 : params.formatCredit();
  }

  private static String value(Prompt prompt) {
    return FormatVerifier.answer(prompt.answer()).orElseThrow();
  }
}
