package dev.rlx.environments.text;

import dev.rlx.api.TextTask;
import java.util.SplittableRandom;

/**
 * What every synthetic task shares: the vocabulary, and the supervision generators built from
 * three task-specific pieces — the reference answer, wrong responses of graded severity, and
 * the score. Severity 0 is the reference answer; severities 1..{@link #severities()} are
 * wrong responses whose hidden score falls as severity rises (e.g. k wrong digits), so a
 * preference between two severities is a preference in true reward.
 */
abstract class VerifiableTextTask implements TextTask {

  /** How often a generator retries a wrong response that happens to be correct (e.g. "2/6" for "1/3"). */
  private static final int RETRIES = 32;

  final Vocabulary vocabulary = TaskVocabulary.SHARED;
  final Supervision supervision;

  VerifiableTextTask(Supervision supervision) {
    this.supervision = supervision;
  }

  /** The number of wrong-response severities; three in every task so far. */
  int severities() {
    return 3;
  }

  /** A wrong response of {@code severity} (1..{@link #severities()}), as text; may by chance be correct. */
  abstract String wrongResponse(Prompt prompt, int severity, SplittableRandom rng);

  /** The ground-truth score of a response's text, in [0, 1], exactly 1 iff correct. */
  abstract double score(Prompt prompt, String response);

  /**
   * A correct response as the generators show it (demonstrations, preferred responses, desirable
   * labels): the reference answer, or for a task with many correct answers one drawn at random,
   * so that supervision does not teach one of them only.
   */
  String correctResponse(Prompt prompt, SplittableRandom rng) {
    return prompt.answer();
  }

  /**
   * The score generators order responses by; the same as {@link #score} on every response a
   * generator makes, but may be cheaper (the code task evaluates in Java, not in a sandbox).
   */
  double hiddenScore(Prompt prompt, String response) {
    return score(prompt, response);
  }

  @Override
  public Vocabulary vocabulary() {
    return vocabulary;
  }

  @Override
  public final double reward(Prompt prompt, int[] response) {
    try {
      double s = score(prompt, vocabulary.decode(response));
      return Double.isFinite(s) ? Math.max(0, Math.min(1, s)) : 0;
    } catch (RuntimeException e) {
      return 0; // a verifier must not throw into a training loop; a response it cannot read earns nothing
    }
  }

  @Override
  public final boolean correct(Prompt prompt, int[] response) {
    return reward(prompt, response) == 1.0;
  }

  @Override
  public final int[] demonstration(Prompt prompt, SplittableRandom rng) {
    return rng.nextDouble() < supervision.demoQuality()
        ? vocabulary.encodeResponse(correctResponse(prompt, rng))
        : vocabulary.encodeResponse(wrong(prompt, 1 + rng.nextInt(severities()), rng));
  }

  @Override
  public final PreferencePair preferencePair(SplittableRandom rng) {
    Prompt prompt = samplePrompt(rng);
    int first = rng.nextInt(severities() + 1);
    int second = rng.nextInt(severities());
    if (second >= first) {
      second++;
    }
    String better = response(prompt, Math.min(first, second), rng);
    String worse = response(prompt, Math.max(first, second), rng);
    if (hiddenScore(prompt, worse) > hiddenScore(prompt, better)) {
      String t = better;
      better = worse;
      worse = t;
    }
    boolean flipped = rng.nextDouble() < supervision.labelNoise();
    return flipped
        ? new PreferencePair(prompt, vocabulary.encodeResponse(worse), vocabulary.encodeResponse(better), true)
        : new PreferencePair(prompt, vocabulary.encodeResponse(better), vocabulary.encodeResponse(worse), false);
  }

  @Override
  public final PreferencePair rank(Prompt prompt, int[] first, int[] second, SplittableRandom rng) {
    double a = reward(prompt, first);
    double b = reward(prompt, second);
    boolean firstBetter = a > b || (a == b && rng.nextBoolean());
    boolean flipped = rng.nextDouble() < supervision.labelNoise();
    return firstBetter != flipped
        ? new PreferencePair(prompt, first, second, flipped)
        : new PreferencePair(prompt, second, first, flipped);
  }

  @Override
  public final LabeledResponse labeledResponse(SplittableRandom rng) {
    Prompt prompt = samplePrompt(rng);
    boolean desirable = rng.nextDouble() < supervision.desirableFraction();
    String response = desirable ? correctResponse(prompt, rng) : wrong(prompt, 1 + rng.nextInt(severities()), rng);
    boolean flipped = rng.nextDouble() < supervision.labelNoise();
    return new LabeledResponse(prompt, vocabulary.encodeResponse(response), desirable != flipped, flipped);
  }

  @Override
  public final LabeledResponse label(Prompt prompt, int[] response, SplittableRandom rng) {
    boolean desirable = correct(prompt, response);
    boolean flipped = rng.nextDouble() < supervision.labelNoise();
    return new LabeledResponse(prompt, response, desirable != flipped, flipped);
  }

  @Override
  public final double desirableFraction() {
    return supervision.desirableFraction();
  }

  private String response(Prompt prompt, int severity, SplittableRandom rng) {
    return severity == 0 ? correctResponse(prompt, rng) : wrong(prompt, severity, rng);
  }

  /**
   * A wrong response of {@code severity}; one that would not fit in {@link #maxResponseLength()}
   * (a short answer given more wrong digits than it has) is drawn again at a lower severity, so
   * that every response the task generates fits a policy's generation budget.
   */
  private String wrong(Prompt prompt, int severity, SplittableRandom rng) {
    for (int s = severity; ; s--) {
      String response = wrongResponse(prompt, s, rng);
      for (int i = 0; i < RETRIES && hiddenScore(prompt, response) >= 1; i++) {
        response = wrongResponse(prompt, s, rng);
      }
      if (s == 1 || vocabulary.encodeResponse(response).length <= maxResponseLength()) {
        return response;
      }
    }
  }

  /** Builds a prompt from its text (BOS is prepended). */
  Prompt prompt(String text, String answer) {
    int[] body = vocabulary.encode(text);
    int[] tokens = new int[body.length + 1];
    tokens[0] = vocabulary.bos();
    System.arraycopy(body, 0, tokens, 1, body.length);
    return new Prompt(tokens, text, answer);
  }

  /** {@code partial_credit} × closeness for a wrong response, 1 for a correct one. */
  double graded(boolean correct, double closeness) {
    return correct ? 1 : supervision.partialCredit() * Math.max(0, Math.min(closeness, 1));
  }

  /**
   * The fraction of character positions where {@code response} agrees with {@code answer},
   * aligned at the right end (numbers) or the left (strings), over the longer length.
   */
  static double positionalCloseness(String response, String answer, boolean alignRight) {
    int n = Math.max(response.length(), answer.length());
    if (n == 0) {
      return 1;
    }
    int same = 0;
    for (int i = 0; i < Math.min(response.length(), answer.length()); i++) {
      char a = alignRight ? response.charAt(response.length() - 1 - i) : response.charAt(i);
      char b = alignRight ? answer.charAt(answer.length() - 1 - i) : answer.charAt(i);
      same += a == b ? 1 : 0;
    }
    return (double) same / n;
  }

  /**
   * {@code answer} with {@code k} of its digits replaced by other digits; if it has fewer than
   * k digits, all are replaced and the rest are added as new digits at the end opposite the
   * alignment, so that {@link #positionalCloseness} falls strictly with k until it is 0.
   */
  static String corruptDigits(String answer, int k, boolean alignRight, SplittableRandom rng) {
    char[] chars = answer.toCharArray();
    int[] digits = new int[chars.length];
    int count = 0;
    for (int i = 0; i < chars.length; i++) {
      if (Character.isDigit(chars[i])) {
        digits[count++] = i;
      }
    }
    for (int i = 0; i < Math.min(k, count); i++) { // partial Fisher–Yates: k distinct positions
      int j = i + rng.nextInt(count - i);
      int t = digits[i];
      digits[i] = digits[j];
      digits[j] = t;
      int position = digits[i];
      chars[position] = (char) ('0' + (chars[position] - '0' + 1 + rng.nextInt(9)) % 10);
    }
    StringBuilder extra = new StringBuilder();
    for (int i = count; i < k; i++) {
      extra.append((char) ('1' + rng.nextInt(9)));
    }
    return alignRight ? extra + new String(chars) : new String(chars) + extra;
  }
}
