package dev.rlx.environments.text;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks that a response reads exactly {@code Answer: X} (one space, X without spaces, nothing
 * before or after), the instruction-following check of references.md §7.7, and extracts X.
 */
public final class FormatVerifier {

  /** The whole response must match; group 1 is the answer. */
  public static final Pattern ANSWER = Pattern.compile("Answer: (\\S+)");

  private FormatVerifier() {}

  /** X if {@code response} is exactly "Answer: X", else empty. Never throws. */
  public static Optional<String> answer(String response) {
    if (response == null || response.length() > MathVerifier.MAX_LENGTH) {
      return Optional.empty();
    }
    Matcher m = ANSWER.matcher(response);
    return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
  }

  /** Whether {@code response} is in the format, whatever its answer. */
  public static boolean matches(String response) {
    return answer(response).isPresent();
  }
}
