package dev.rlx.algorithms.rlhf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import dev.rlx.algorithms.deep.DjlRuntime;
import dev.rlx.algorithms.lm.CausalLm;
import dev.rlx.api.TextTask;
import dev.rlx.api.TextTask.LabeledResponse;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * KTO's on-policy data ({@code responses: reference}): samples of π_ref, labelled by the
 * annotator, drawn to the task's class balance.
 */
class KtoReferenceResponsesTest {

  private static LabeledResponse[] draw(TextTask task, int count) {
    DjlRuntime.start(0);
    try (NDManager manager = NDManager.newBaseManager()) {
      CausalLm reference = CausalLm.create(PolicyTraining.config(task, 16, 1, 2, false), manager, 3).freeze();
      return Kto.referenceResponses(task, reference, count, new SplittableRandom(4));
    }
  }

  @Test
  void theDatasetHasTheTasksSplitAndEveryLabelIsTheVerifiersVerdict() {
    // an untrained π_ref answers "7" about 1 time in 30: the correct fifth takes many samples
    TextTask task = new GrpoLearnsTest.SevenTask(0.2, true);
    LabeledResponse[] examples = draw(task, 100);
    assertThat(examples).hasSize(100);
    assertThat(Arrays.stream(examples).filter(LabeledResponse::desirable).count()).isEqualTo(20);
    for (LabeledResponse e : examples) {
      assertThat(e.desirable()).isEqualTo(task.correct(e.prompt(), e.response()));
      assertThat(e.response()).isNotEmpty().hasSizeLessThanOrEqualTo(task.maxResponseLength());
    }
    // π_ref's samples, not demonstrations: the wrong ones are not only digits
    assertThat(Arrays.stream(examples).filter(e -> !e.desirable()).map(e -> e.response()[0])
        .filter(t -> t < 3 || t > 12).count()).isPositive();
  }

  @Test
  void aClassPiRefCannotSupplyFailsNamingTheNumbers() {
    assertThatThrownBy(() -> draw(new GrpoLearnsTest.SevenTask(0.2, false), 50))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("π_ref gave 0 correct")
        .hasMessageContaining("10 correct and 40 wrong")
        .hasMessageContaining("responses: task");
  }

  @Test
  void aConvertedPreferenceDatasetLabelsWinnersDesirableAndLosersUndesirableAtTheTasksSplit() {
    // §7.5 ex. 1: two π_ref samples per prompt ranked by the annotator; 20:80 by dropping winners
    TextTask task = new dev.rlx.environments.text.ArithmeticTask(
        new dev.rlx.environments.text.ArithmeticParams("+", 0, 9, 0.5, new dev.rlx.environments.text.SyntheticDataParams(0, 1, 0.2)));
    LabeledResponse[] examples;
    DjlRuntime.start(0);
    try (NDManager manager = NDManager.newBaseManager()) {
      CausalLm reference = CausalLm.create(PolicyTraining.config(task, 16, 1, 2, false), manager, 3).freeze();
      examples = Kto.pairResponses(task, reference, 100, new SplittableRandom(5));
    }
    assertThat(examples).hasSize(100);
    assertThat(Arrays.stream(examples).filter(LabeledResponse::desirable).count()).isEqualTo(20);
    // the first 20 pairs gave their winner and their loser: each winner is at least as good
    for (int i = 0; i < 20; i++) {
      LabeledResponse winner = examples[i];
      LabeledResponse loser = examples[20 + i];
      assertThat(winner.prompt()).isSameAs(loser.prompt());
      assertThat(winner.desirable()).isTrue();
      assertThat(loser.desirable()).isFalse();
      assertThat(task.reward(winner.prompt(), winner.response())).isGreaterThanOrEqualTo(task.reward(loser.prompt(), loser.response()));
    }
    // labels say "the better of two", not "correct": an untrained π_ref's winners are mostly wrong
    assertThat(Arrays.stream(examples).filter(e -> e.desirable() && !task.correct(e.prompt(), e.response())).count())
        .isPositive();
  }
}
