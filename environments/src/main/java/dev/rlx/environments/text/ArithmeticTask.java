package dev.rlx.environments.text;

import dev.rlx.environments.text.MathVerifier.Rational;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.util.SplittableRandom;

/**
 * "12+7=" → "19": one binary operation on two operands drawn uniformly. The answer is exact
 * ("-4", "7/2"), and any equivalent number is correct ("3.5", "14/4"; {@link MathVerifier}).
 * A wrong answer of severity k has k of its digits wrong.
 */
public final class ArithmeticTask extends VerifiableTextTask {

  private final ArithmeticParams params;

  @Inject
  public ArithmeticTask(ArithmeticParams params) {
    super(params.supervision());
    this.params = params;
  }

  @Override
  public int maxPromptLength() {
    return 1 + 2 * digits(params.maxOperand()) + 2;
  }

  @Override
  public int maxResponseLength() {
    long max = params.maxOperand();
    int longest = 0;
    for (char op : params.ops().toCharArray()) {
      longest = Math.max(longest, switch (op) {
        case '+' -> digits(2 * max);
        case '-' -> digits(max) + 1;
        case '*' -> digits(max * max);
        default -> 2 * digits(max) + 2; // "-a/b"
      });
    }
    return longest + 1;
  }

  @Override
  public Prompt samplePrompt(SplittableRandom rng) {
    char op = params.ops().charAt(rng.nextInt(params.ops().length()));
    long a = rng.nextLong(params.minOperand(), params.maxOperand() + 1L);
    long b = rng.nextLong(op == '/' ? Math.max(1, params.minOperand()) : params.minOperand(), params.maxOperand() + 1L);
    Rational result = switch (op) {
      case '+' -> Rational.of(a + b, 1);
      case '-' -> Rational.of(a - b, 1);
      case '*' -> new Rational(BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)), BigInteger.ONE);
      default -> Rational.of(a, b);
    };
    return prompt(a + String.valueOf(op) + b + "=", result.toString());
  }

  @Override
  String wrongResponse(Prompt prompt, int severity, SplittableRandom rng) {
    return corruptDigits(prompt.answer(), severity, true, rng);
  }

  @Override
  double score(Prompt prompt, String response) {
    return graded(MathVerifier.equivalent(response, prompt.answer()),
        positionalCloseness(response.strip(), prompt.answer(), true));
  }

  private static int digits(long n) {
    return Long.toString(Math.abs(n)).length();
  }
}
