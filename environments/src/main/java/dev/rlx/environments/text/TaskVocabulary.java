package dev.rlx.environments.text;

import dev.rlx.api.TextTask.Vocabulary;
import java.util.ArrayList;
import java.util.List;

/**
 * The one vocabulary every synthetic text task shares (30 tokens), so that one small policy
 * can be trained on any mix of them: the special tokens, the digits, the symbols of arithmetic
 * and of tiny programs, and three words ("Answer:", "sort", "rev").
 */
public final class TaskVocabulary {

  public static final String PAD = "<pad>";
  public static final String BOS = "<bos>";
  public static final String EOS = "<eos>";

  /** PAD = 0, BOS = 1, EOS = 2, then "0".."9" = 3..12, then symbols and words. */
  public static final Vocabulary SHARED = build();

  private TaskVocabulary() {}

  private static Vocabulary build() {
    List<String> tokens = new ArrayList<>(List.of(PAD, BOS, EOS));
    for (char d = '0'; d <= '9'; d++) {
      tokens.add(String.valueOf(d));
    }
    tokens.addAll(List.of("+", "-", "*", "/", "=", ".", ",", " ", ";", "?", "(", ")", "x", "f", "Answer:", "sort", "rev"));
    return new Vocabulary(tokens, 0, 1, 2);
  }
}
