package dev.rlx.environments.text;

import dev.rlx.environments.Environments;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.google.inject.Guice;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import com.google.inject.name.Names;
import dev.rlx.api.PluginBindings;
import dev.rlx.api.PluginDescriptor;
import dev.rlx.api.TextTask;
import dev.rlx.api.TextTask.LabeledResponse;
import dev.rlx.api.TextTask.PreferencePair;
import dev.rlx.api.TextTask.Prompt;
import dev.rlx.api.TextTask.Vocabulary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TextTasksTest {

  static final String[] IDS = {"text-arithmetic", "text-sort", "text-reverse", "text-permute", "text-answer-format", "text-code"};
  /** The registry's text tasks. */
  private static final Map<String, PluginDescriptor> ENVIRONMENTS = Guice.createInjector(new Environments())
      .getInstance(Key.get(new TypeLiteral<Map<String, PluginDescriptor>>() {}, Names.named(PluginBindings.ENVIRONMENTS)))
      .entrySet().stream().filter(e -> e.getValue().implementation().filter(TextTask.class::isAssignableFrom).isPresent())
      .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  private static final Vocabulary VOCABULARY = TaskVocabulary.SHARED;

  /** The task {@code id} with its defaults and {@code overrides}, built as a trial would build it. */
  static TextTask task(String id, Map<String, ?> overrides) {
    PluginDescriptor descriptor = ENVIRONMENTS.get(id);
    Map<String, Object> values = new HashMap<>(descriptor.parameters().defaults());
    overrides.forEach((k, v) -> {
      if (descriptor.parameters().get(k).isPresent()) {
        values.put(k, v);
      }
    });
    Record params = descriptor.parameters().bind(descriptor.parameterType(), values);
    try {
      return (TextTask) descriptor.implementation().orElseThrow()
          .getConstructor(descriptor.parameterType()).newInstance(params);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  static TextTask task(String id) {
    return task(id, Map.of());
  }

  /** The true reward of a generated response, without a sandbox for the code task (checked against it below). */
  static double trueReward(TextTask task, Prompt prompt, int[] response) {
    return ((VerifiableTextTask) task).hiddenScore(prompt, VOCABULARY.decode(response));
  }

  @Nested
  class Registration {

    @Test
    void registersEveryTaskAsATextTaskWhoseDefaultsBind() {
      assertThat(ENVIRONMENTS).containsOnlyKeys(IDS);
      for (String id : IDS) {
        assertThat(TextTask.class).isAssignableFrom(ENVIRONMENTS.get(id).implementation().orElseThrow());
        TextTask task = task(id);
        assertThat(task.vocabulary()).isSameAs(VOCABULARY);
      }
    }

    @Test
    void declaresTheSupervisionKnobsOnEveryTask() {
      for (String id : IDS) {
        assertThat(ENVIRONMENTS.get(id).parameters().defaults())
            .containsKeys("label_noise", "demo_quality", "desirable_fraction");
      }
    }
  }

  @Nested
  class TheVocabulary {

    @Test
    void encodesLongestTokensFirstAndDecodesBack() {
      int[] ids = VOCABULARY.encode("Answer: 12");
      assertThat(ids).hasSize(4);
      assertThat(VOCABULARY.token(ids[0])).isEqualTo("Answer:");
      assertThat(VOCABULARY.decode(ids)).isEqualTo("Answer: 12");
      assertThat(VOCABULARY.size()).isLessThanOrEqualTo(40);
    }

    @Test
    void decodesUpToTheFirstEosDroppingSpecialAndUnknownIds() {
      int[] ids = {VOCABULARY.bos(), VOCABULARY.id("1"), VOCABULARY.pad(), 999, -3, VOCABULARY.id("2"), VOCABULARY.eos(),
          VOCABULARY.id("3")};
      assertThat(VOCABULARY.decode(ids)).isEqualTo("12");
    }

    @Test
    void refusesTextNoTokenMatchesNamingWhere() {
      assertThatThrownBy(() -> VOCABULARY.encode("12%3")).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("\"%3\" at position 2");
    }
  }

  @Nested
  class Determinism {

    @ParameterizedTest
    @ValueSource(strings = {"text-arithmetic", "text-sort", "text-reverse", "text-permute", "text-answer-format", "text-code"})
    void aSeedFixesEveryPromptAndEveryGeneratedResponse(String id) {
      Map<String, Object> noisy = Map.of("label_noise", 0.3, "demo_quality", 0.5, "desirable_fraction", 0.4);
      assertThat(transcript(task(id, noisy), 7)).isEqualTo(transcript(task(id, noisy), 7));
      assertThat(transcript(task(id, noisy), 7)).isNotEqualTo(transcript(task(id, noisy), 8));
    }

    private List<String> transcript(TextTask task, long seed) {
      SplittableRandom rng = new SplittableRandom(seed);
      List<String> lines = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        Prompt prompt = task.samplePrompt(rng);
        PreferencePair pair = task.preferencePair(rng);
        LabeledResponse labeled = task.labeledResponse(rng);
        lines.add(Arrays.toString(prompt.tokens()) + prompt.text() + prompt.answer()
            + Arrays.toString(task.demonstration(prompt, rng))
            + pair.prompt() + Arrays.toString(pair.chosen()) + Arrays.toString(pair.rejected()) + pair.flipped()
            + labeled.prompt() + Arrays.toString(labeled.response()) + labeled.desirable() + labeled.flipped());
      }
      return lines;
    }

    @ParameterizedTest
    @ValueSource(strings = {"text-arithmetic", "text-sort", "text-reverse", "text-permute", "text-answer-format", "text-code"})
    void everyPromptAndGeneratedResponseFitsTheDeclaredLengths(String id) {
      TextTask task = task(id, Map.of("demo_quality", 0.5, "desirable_fraction", 0.5));
      SplittableRandom rng = new SplittableRandom(1);
      for (int i = 0; i < 2000; i++) {
        Prompt prompt = task.samplePrompt(rng);
        assertThat(prompt.tokens()[0]).isEqualTo(VOCABULARY.bos());
        assertThat(prompt.tokens().length).isLessThanOrEqualTo(task.maxPromptLength());
        assertThat(VOCABULARY.decode(prompt.tokens())).isEqualTo(prompt.text());
        int[] demo = task.demonstration(prompt, rng);
        assertThat(demo[demo.length - 1]).isEqualTo(VOCABULARY.eos());
        assertThat(demo.length).isLessThanOrEqualTo(task.maxResponseLength());
        PreferencePair pair = task.preferencePair(rng);
        assertThat(Math.max(pair.chosen().length, pair.rejected().length)).isLessThanOrEqualTo(task.maxResponseLength());
      }
    }

    @Test
    void theAnnotatorOrdersTwoResponsesByTheTrueRewardAndFlipsAtTheLabelNoise() {
      TextTask task = task("text-arithmetic", Map.of("ops", "+", "max_operand", 9, "label_noise", 0.25));
      SplittableRandom rng = new SplittableRandom(3);
      int flippedCount = 0;
      int n = 4000;
      for (int i = 0; i < n; i++) {
        Prompt prompt = task.samplePrompt(rng);
        int[] right = VOCABULARY.encodeResponse(prompt.answer());
        int[] wrong = VOCABULARY.encodeResponse(prompt.answer().equals("7") ? "8" : "7");
        PreferencePair pair = i % 2 == 0 ? task.rank(prompt, right, wrong, rng) : task.rank(prompt, wrong, right, rng);
        assertThat(pair.chosen()).isEqualTo(pair.flipped() ? wrong : right);
        flippedCount += pair.flipped() ? 1 : 0;
      }
      assertThat((double) flippedCount / n).isCloseTo(0.25, org.assertj.core.api.Assertions.within(0.025));
    }

    @Test
    void wrongAnswersOfShortResultsFitTooWhenTheyWouldNeedMoreWrongDigitsThanTheyHave() {
      // 0..9 sums: "5" is one digit, but severity 3 asks for three wrong digits
      TextTask task = task("text-arithmetic", Map.of("ops", "+", "max_operand", 9, "demo_quality", 0.0));
      SplittableRandom rng = new SplittableRandom(2);
      for (int i = 0; i < 2000; i++) {
        assertThat(task.demonstration(task.samplePrompt(rng), rng).length).isLessThanOrEqualTo(task.maxResponseLength());
        PreferencePair pair = task.preferencePair(rng);
        assertThat(Math.max(pair.chosen().length, pair.rejected().length)).isLessThanOrEqualTo(task.maxResponseLength());
        assertThat(task.labeledResponse(rng).response().length).isLessThanOrEqualTo(task.maxResponseLength());
      }
    }
  }

  @Nested
  class Verifiers {

    @ParameterizedTest(name = "{0}: {1} \"{3}\" → {4}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
        text-arithmetic    | 12+7=       | 19         | 19          | 1
        text-arithmetic    | 12+7=       | 19         | 19.0        | 1
        text-arithmetic    | 12+7=       | 19         | 38/2        | 1
        text-arithmetic    | 12+7=       | 19         | 019         | 1
        text-arithmetic    | 12+7=       | 19         | 18          | 0
        text-arithmetic    | 12+7=       | 19         | 91          | 0
        text-arithmetic    | 12+7=       | 19         | Answer: 19  | 0
        text-arithmetic    | 12+7=       | 19         | 1/0         | 0
        text-arithmetic    | 12+7=       | 19         | ''          | 0
        text-arithmetic    | 12+7=       | 19         | sort((      | 0
        text-arithmetic    | 7/2=        | 7/2        | 3.5         | 1
        text-arithmetic    | 7/2=        | 7/2        | 14/4        | 1
        text-arithmetic    | 7/2=        | 7/2        | 3           | 0
        text-arithmetic    | 3-7=        | -4         | -4          | 1
        text-arithmetic    | 3-7=        | -4         | 4           | 0
        text-sort          | sort 31415= | 11345      | 11345       | 1
        text-sort          | sort 31415= | 11345      | 11354       | 0
        text-sort          | sort 31415= | 11345      | 31415       | 0
        text-sort          | sort 31415= | 11345      | 1134        | 0
        text-sort          | sort 31415= | 11345      | ' 11345'    | 0
        text-sort          | sort 31415= | 11345      | ''          | 0
        text-reverse       | rev 31415=  | 51413      | 51413       | 1
        text-reverse       | rev 31415=  | 51413      | 31415       | 0
        text-reverse       | rev 31415=  | 51413      | 514130      | 0
        text-permute       | ? 31415=    | 11345      | 11345       | 1
        text-permute       | ? 31415=    | 11345      | 31415       | 1
        text-permute       | ? 31415=    | 11345      | 54311       | 1
        text-permute       | ? 31415=    | 11345      | 31445       | 0
        text-permute       | ? 31415=    | 11345      | 3141        | 0
        text-permute       | ? 31415=    | 11345      | 314155      | 0
        text-permute       | ? 31415=    | 11345      | ' 31415'    | 0
        text-permute       | ? 31415=    | 11345      | ''          | 0
        text-answer-format | 7+5=?       | Answer: 12 | Answer: 12  | 1
        text-answer-format | 7+5=?       | Answer: 12 | Answer: 12.0 | 1
        text-answer-format | 7+5=?       | Answer: 12 | Answer: 24/2 | 1
        text-answer-format | 7+5=?       | Answer: 12 | Answer: 13  | 0.2
        text-answer-format | 7+5=?       | Answer: 12 | Answer: (   | 0.2
        text-answer-format | 7+5=?       | Answer: 12 | 12          | 0
        text-answer-format | 7+5=?       | Answer: 12 | Answer:12   | 0
        text-answer-format | 7+5=?       | Answer: 12 | Answer: 1 2 | 0
        text-answer-format | 7+5=?       | Answer: 12 | ''          | 0
        text-code          | f(1)=3,f(2)=5,f(4)=9;f(x)= | 2*x+1 | 2*x+1   | 1
        text-code          | f(1)=3,f(2)=5,f(4)=9;f(x)= | 2*x+1 | x+x+1   | 1
        text-code          | f(1)=3,f(2)=5,f(4)=9;f(x)= | 2*x+1 | (1+x*2) | 1
        text-code          | f(1)=3,f(2)=5,f(4)=9;f(x)= | 2*x+1 | 2*x     | 0
        text-code          | f(1)=3,f(2)=5,f(4)=9;f(x)= | 2*x+1 | 2*x+1*  | 0
        text-code          | f(1)=3,f(2)=5,f(4)=9;f(x)= | 2*x+1 | f(x)    | 0
        text-code          | f(1)=3,f(2)=5,f(4)=9;f(x)= | 2*x+1 | 2*x+1.0 | 0
        text-code          | f(1)=3,f(2)=5,f(4)=9;f(x)= | 2*x+1 | 9**9**9 | 0
        text-code          | f(1)=3,f(2)=5,f(4)=9;f(x)= | 2*x+1 | x)      | 0
        text-code          | f(1)=3,f(2)=5,f(4)=9;f(x)= | 2*x+1 | ''      | 0
        """)
    void scoreResponses(String id, String promptText, String answer, String response, double expected) {
      TextTask task = task(id);
      Prompt prompt = prompt(promptText, answer);
      int[] tokens = VOCABULARY.encodeResponse(response);
      assertThat(task.reward(prompt, tokens)).isEqualTo(expected);
      assertThat(task.correct(prompt, tokens)).isEqualTo(expected == 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"text-arithmetic", "text-sort", "text-reverse", "text-permute", "text-answer-format", "text-code"})
    void scoreTheReferenceAnswer1AndRandomTokens0WithoutThrowing(String id) {
      TextTask task = task(id);
      SplittableRandom rng = new SplittableRandom(3);
      int draws = id.equals("text-code") ? 4 : 300;
      for (int i = 0; i < draws; i++) {
        Prompt prompt = task.samplePrompt(rng);
        assertThat(task.reward(prompt, VOCABULARY.encodeResponse(prompt.answer()))).isEqualTo(1);
        int[] garbage = rng.ints(1 + rng.nextInt(task.maxResponseLength()), -2, VOCABULARY.size() + 2).toArray();
        double reward = task.reward(prompt, garbage);
        assertThat(reward).isBetween(0.0, 1.0);
      }
    }

    @Test
    void aResponseIsReadUpToItsFirstEos() {
      TextTask task = task("text-arithmetic");
      Prompt prompt = prompt("12+7=", "19");
      int[] response = {VOCABULARY.id("1"), VOCABULARY.id("9"), VOCABULARY.eos(), VOCABULARY.id("5")};
      assertThat(task.reward(prompt, response)).isEqualTo(1);
      assertThat(task.reward(prompt, Arrays.copyOf(response, 2))).as("no EOS: cut at the budget").isEqualTo(1);
    }

    @Test
    void partialCreditGradesWrongAnswersByDigitsInPlace() {
      TextTask task = task("text-arithmetic", Map.of("partial_credit", 0.5));
      Prompt prompt = prompt("60+63=", "123");
      assertThat(task.reward(prompt, VOCABULARY.encodeResponse("124"))).isEqualTo(0.5 * 2 / 3);
      assertThat(task.reward(prompt, VOCABULARY.encodeResponse("154"))).isEqualTo(0.5 / 3);
      assertThat(task.reward(prompt, VOCABULARY.encodeResponse("123"))).isEqualTo(1);
    }

    @Test
    void theCodeTasksJavaOrderingAgreesWithTheSandbox() {
      TextTask task = task("text-code", Map.of("partial_credit", 0.5, "degree", 2L));
      SplittableRandom rng = new SplittableRandom(11);
      for (int i = 0; i < 6; i++) {
        PreferencePair pair = task.preferencePair(rng);
        for (int[] response : List.of(pair.chosen(), pair.rejected())) {
          assertThat(task.reward(pair.prompt(), response)).as(VOCABULARY.decode(response))
              .isEqualTo(trueReward(task, pair.prompt(), response));
        }
      }
    }

    static Prompt prompt(String text, String answer) {
      int[] body = VOCABULARY.encode(text);
      int[] tokens = new int[body.length + 1];
      tokens[0] = VOCABULARY.bos();
      System.arraycopy(body, 0, tokens, 1, body.length);
      return new Prompt(tokens, text, answer);
    }
  }

  @Nested
  class Generators {

    private static final int DRAWS = 3000;

    @ParameterizedTest
    @ValueSource(strings = {"text-arithmetic", "text-sort", "text-reverse", "text-permute", "text-answer-format", "text-code"})
    void demonstrationsAreCorrectAtTheConfiguredRate(String id) {
      TextTask task = task(id, Map.of("demo_quality", 0.7));
      SplittableRandom rng = new SplittableRandom(5);
      int correct = 0;
      for (int i = 0; i < DRAWS; i++) {
        Prompt prompt = task.samplePrompt(rng);
        correct += trueReward(task, prompt, task.demonstration(prompt, rng)) == 1 ? 1 : 0;
      }
      assertThat((double) correct / DRAWS).isCloseTo(0.7, within(0.03));
    }

    @ParameterizedTest
    @ValueSource(strings = {"text-arithmetic", "text-sort", "text-reverse", "text-permute", "text-answer-format", "text-code"})
    void preferencesFollowTheTrueRewardExceptTheFlippedFraction(String id) {
      TextTask task = task(id, Map.of("label_noise", 0.2, "partial_credit", 0.5));
      SplittableRandom rng = new SplittableRandom(6);
      int flipped = 0;
      int strictlyOrdered = 0;
      for (int i = 0; i < DRAWS; i++) {
        PreferencePair pair = task.preferencePair(rng);
        double chosen = trueReward(task, pair.prompt(), pair.chosen());
        double rejected = trueReward(task, pair.prompt(), pair.rejected());
        assertThat(pair.chosen()).isNotEqualTo(pair.rejected());
        if (pair.flipped()) {
          flipped++;
          assertThat(chosen).isLessThanOrEqualTo(rejected);
        } else {
          assertThat(chosen).isGreaterThanOrEqualTo(rejected);
          strictlyOrdered += chosen > rejected ? 1 : 0;
        }
      }
      assertThat((double) flipped / DRAWS).isCloseTo(0.2, within(0.025));
      assertThat((double) strictlyOrdered / (DRAWS - flipped)).as("pairs that differ in true reward").isGreaterThan(0.75);
    }

    @ParameterizedTest
    @ValueSource(strings = {"text-arithmetic", "text-sort", "text-reverse", "text-permute", "text-answer-format", "text-code"})
    void preferencePairsSpanTheGradesOfTrueReward(String id) {
      TextTask task = task(id, Map.of("partial_credit", 0.5));
      SplittableRandom rng = new SplittableRandom(8);
      java.util.Set<Double> rewards = new java.util.TreeSet<>();
      for (int i = 0; i < 500; i++) {
        PreferencePair pair = task.preferencePair(rng);
        rewards.add(Math.round(trueReward(task, pair.prompt(), pair.rejected()) * 100) / 100.0);
        rewards.add(Math.round(trueReward(task, pair.prompt(), pair.chosen()) * 100) / 100.0);
      }
      assertThat(rewards).contains(0.0, 1.0).hasSizeGreaterThanOrEqualTo(3);
    }

    @ParameterizedTest
    @CsvSource({"text-arithmetic, 0.2", "text-sort, 0.5", "text-reverse, 0.8", "text-permute, 0.3", "text-answer-format, 0.2", "text-code, 0.2"})
    void labelledResponsesHaveTheConfiguredClassBalanceAndLabelsMatchCorrectness(String id, double desirable) {
      TextTask task = task(id, Map.of("desirable_fraction", desirable));
      SplittableRandom rng = new SplittableRandom(9);
      int positives = 0;
      for (int i = 0; i < DRAWS; i++) {
        LabeledResponse labeled = task.labeledResponse(rng);
        assertThat(labeled.flipped()).isFalse();
        assertThat(trueReward(task, labeled.prompt(), labeled.response()) == 1).isEqualTo(labeled.desirable());
        positives += labeled.desirable() ? 1 : 0;
      }
      assertThat((double) positives / DRAWS).isCloseTo(desirable, within(0.03));
    }

    @Test
    void permuteDemonstrationsAreUniformOverTheArrangements() {
      // "? 1234=": 24 arrangements, each correct, each shown about 1/24 of the time
      TextTask task = task("text-permute");
      Prompt prompt = Verifiers.prompt("? 1234=", "1234");
      SplittableRandom rng = new SplittableRandom(10);
      Map<String, Integer> counts = new HashMap<>();
      for (int i = 0; i < 2400; i++) {
        int[] demo = task.demonstration(prompt, rng);
        assertThat(task.reward(prompt, demo)).isEqualTo(1.0);
        counts.merge(VOCABULARY.decode(demo), 1, Integer::sum);
      }
      assertThat(counts).hasSize(24);
      assertThat(counts.values()).allSatisfy(n -> assertThat(n).isBetween(60, 140));
    }

    @Test
    void permuteWithAHouseStyleShowsTheSortedArrangementThatOftenAndTheRestUniformly() {
      // sorted_demonstrations 0.75: "1234" with probability 0.75 + 0.25/24, each other arrangement 0.25/24
      TextTask task = task("text-permute", Map.of("sorted_demonstrations", 0.75));
      Prompt prompt = Verifiers.prompt("? 3142=", "1234");
      SplittableRandom rng = new SplittableRandom(11);
      Map<String, Integer> counts = new HashMap<>();
      int draws = 24_000;
      for (int i = 0; i < draws; i++) {
        int[] demo = task.demonstration(prompt, rng);
        assertThat(task.reward(prompt, demo)).isEqualTo(1.0);
        counts.merge(VOCABULARY.decode(demo), 1, Integer::sum);
      }
      assertThat((double) counts.get("1234") / draws).isCloseTo(0.75 + 0.25 / 24, within(0.01));
      counts.remove("1234");
      assertThat(counts).hasSize(23);
      assertThat(counts.values()).allSatisfy(n -> assertThat(n).isBetween(170, 330)); // 250 expected
    }

    @Test
    void labelNoiseFlipsLabelledResponsesToo() {
      TextTask task = task("text-sort", Map.of("desirable_fraction", 0.2, "label_noise", 0.1));
      SplittableRandom rng = new SplittableRandom(10);
      int flipped = 0;
      for (int i = 0; i < DRAWS; i++) {
        LabeledResponse labeled = task.labeledResponse(rng);
        boolean correct = trueReward(task, labeled.prompt(), labeled.response()) == 1;
        assertThat(labeled.desirable()).isEqualTo(correct != labeled.flipped());
        flipped += labeled.flipped() ? 1 : 0;
      }
      assertThat((double) flipped / DRAWS).isCloseTo(0.1, within(0.02));
    }
  }
}
