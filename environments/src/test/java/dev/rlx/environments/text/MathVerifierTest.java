package dev.rlx.environments.text;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rlx.environments.text.MathVerifier.Rational;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MathVerifierTest {

  @ParameterizedTest(name = "\"{0}\" ≡ \"{1}\": {2}")
  @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
      19            | 19     | true
      '  19 '       | 19     | true
      019           | 19     | true
      +19           | 19     | true
      19.0          | 19     | true
      19.000        | 19     | true
      1.9e1         | 19     | true
      1/2           | 0.5    | true
      2/4           | 1/2    | true
      .5            | 1/2    | true
      0.50          | 1/2    | true
      -1/2          | -0.5   | true
      1/-2          | -0.5   | true
      '6 / -8'      | -3/4   | true
      −3            | -3     | true
      -0            | 0      | true
      -0.0          | 0      | true
      0/5           | 0      | true
      3.            | 3      | true
      2.5E-2        | 1/40   | true
      7/2           | 3.5    | true
      0.5000000001  | 1/2    | false
      0.3333333333  | 1/3    | false
      20            | 19     | false
      -19           | 19     | false
      1/0           | 1/0    | false
      0/0           | 0      | false
      ''            | 0      | false
      ''            | ''     | false
      ' '           | 0      | false
      .             | 0      | false
      -             | 0      | false
      e5            | 0      | false
      1e99999       | 0      | false
      1,000         | 1000   | false
      1+1           | 2      | false
      Answer: 2     | 2      | false
      x             | x      | false
      NaN           | NaN    | false
      Infinity      | Infinity | false
      0x10          | 16     | false
      1/2/3         | 1/6    | false
      --1           | 1      | false
      99999999999999999999999999999999999999 | 99999999999999999999999999999999999999 | true
      99999999999999999999999999999999999999 | 99999999999999999999999999999999999998 | false
      """)
  void comparesNumbersByExactValue(String candidate, String reference, boolean expected) {
    assertThat(MathVerifier.equivalent(candidate, reference)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"\u0000", "((((", "1/", "/2", "1..2", "1e", "１２", "٣", "1/2.5", "+-1", "1 2"})
  void refusesGarbageWithoutThrowing(String text) {
    assertThat(MathVerifier.parse(text)).isEmpty();
  }

  @Test
  void refusesTextTooLongToParseQuickly() {
    assertThat(MathVerifier.parse("9".repeat(MathVerifier.MAX_LENGTH))).isPresent();
    assertThat(MathVerifier.parse("9".repeat(MathVerifier.MAX_LENGTH + 1))).isEmpty();
    assertThat(MathVerifier.parse(null)).isEmpty();
  }

  @Test
  void writesRationalsInLowestTermsWithThePositiveDenominator() {
    assertThat(Rational.of(14, -4)).hasToString("-7/2");
    assertThat(Rational.of(-8, 4)).hasToString("-2");
    assertThat(Rational.of(0, -3)).hasToString("0");
  }
}
