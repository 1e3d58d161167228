package dev.rlx.environments.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FormatVerifierTest {

  @ParameterizedTest(name = "\"{0}\" → {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '\'', nullValues = "NONE", textBlock = """
      Answer: 12     | 12
      Answer: -7/2   | -7/2
      Answer:12      | NONE
      'Answer:  12'  | NONE
      'Answer: 12 '  | NONE
      ' Answer: 12'  | NONE
      answer: 12     | NONE
      12             | NONE
      Answer:        | NONE
      'Answer: '     | NONE
      Answer: 1 2    | NONE
      The Answer: 12 | NONE
      ''             | NONE
      """)
  void acceptsExactlyAnswerColonSpaceValue(String response, String answer) {
    assertThat(FormatVerifier.answer(response).orElse(null)).isEqualTo(answer);
  }
}
