package dev.rlx.environments.text;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * "sort 31415=" → "11345" or "rev 31415=" → "51413": a random digit string transformed. The
 * response must equal the answer exactly; a wrong answer of severity k has k digits wrong.
 * "? 31415=" → any arrangement of the digits ("13145", "54311", …): many correct answers.
 */
public abstract sealed class DigitStringTask extends VerifiableTextTask
    permits DigitStringTask.Sort, DigitStringTask.Reverse, DigitStringTask.Permute {

  final DigitStringParams params;
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
      return sorted(digits);
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

  /**
   * Any arrangement of the digits is correct, so a policy can stay diverse and still earn full
   * reward: the task on which entropy collapse (a policy settling on one arrangement) is visible
   * apart from learning the answer (§7.7 exercise 2, DAPO's clip-higher). The reference answer
   * is the sorted digits; demonstrations and preferred responses are uniformly random
   * arrangements; a wrong answer of severity k has k digits changed to ones the string lacks;
   * partial credit is the
   * fraction of the digits (as a multiset) the response keeps.
   */
  public static final class Permute extends DigitStringTask {
    @jakarta.inject.Inject
    public Permute(DigitStringParams params) {
      super(params, "?");
    }

    @Override
    String transform(String digits) {
      return sorted(digits);
    }

    /** The sorted digits with probability {@code sorted_demonstrations} (no draw when 0), else a uniform arrangement. */
    @Override
    String correctResponse(Prompt prompt, SplittableRandom rng) {
      double sorted = params.sortedDemonstrations();
      if (sorted > 0 && rng.nextDouble() < sorted) {
        return prompt.answer();
      }
      return shuffled(prompt.answer(), rng);
    }

    /**
     * k of the digits replaced by digits the string lacks (so exactly k are lost and severities
     * never coincide), more added beyond its length, then shuffled.
     */
    @Override
    String wrongResponse(Prompt prompt, int severity, SplittableRandom rng) {
      String answer = prompt.answer();
      StringBuilder absent = new StringBuilder();
      for (char d = '0'; d <= '9'; d++) {
        if (answer.indexOf(d) < 0) {
          absent.append(d);
        }
      }
      if (absent.length() == 0) { // all ten digits present: no digit is missing to bring in
        return corruptDigits(correctResponse(prompt, rng), severity, false, rng);
      }
      char[] c = answer.toCharArray();
      int[] positions = new int[c.length];
      for (int i = 0; i < c.length; i++) {
        positions[i] = i;
      }
      for (int i = 0; i < Math.min(severity, c.length); i++) { // partial Fisher–Yates: distinct positions
        int j = i + rng.nextInt(c.length - i);
        int t = positions[i];
        positions[i] = positions[j];
        positions[j] = t;
        c[positions[i]] = absent.charAt(rng.nextInt(absent.length()));
      }
      StringBuilder wrong = new StringBuilder(new String(c));
      for (int i = c.length; i < severity; i++) {
        wrong.append(absent.charAt(rng.nextInt(absent.length())));
      }
      return shuffled(wrong.toString(), rng);
    }

    @Override
    double score(Prompt prompt, String response) {
      String answer = prompt.answer();
      int[] counts = new int[10];
      for (char c : answer.toCharArray()) {
        counts[c - '0']++;
      }
      int kept = 0;
      for (char c : response.toCharArray()) {
        if (c >= '0' && c <= '9' && counts[c - '0'] > 0) {
          counts[c - '0']--;
          kept++;
        }
      }
      boolean correct = response.length() == answer.length() && kept == answer.length();
      return graded(correct, (double) kept / Math.max(answer.length(), response.length()));
    }
  }

  /** A uniformly random arrangement (Fisher–Yates). */
  private static String shuffled(String digits, SplittableRandom rng) {
    char[] c = digits.toCharArray();
    for (int i = c.length - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      char t = c[i];
      c[i] = c[j];
      c[j] = t;
    }
    return new String(c);
  }

  private static String sorted(String digits) {
    char[] c = digits.toCharArray();
    Arrays.sort(c);
    return new String(c);
  }
}
