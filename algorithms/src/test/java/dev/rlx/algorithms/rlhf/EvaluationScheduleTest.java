package dev.rlx.algorithms.rlhf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rlx.algorithms.RecordingContext;
import dev.rlx.api.TrialContext.Budget;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The evaluation cadence every post-training loop shares. */
class EvaluationScheduleTest {

  private static List<Long> evaluatedAt(long budget, long... steps) {
    PolicyTraining.EvaluationSchedule schedule =
        new PolicyTraining.EvaluationSchedule(new RecordingContext(0, new Budget(budget, 0)), budget);
    List<Long> at = new ArrayList<>();
    for (long done : steps) {
      if (schedule.due(done)) {
        at.add(done);
      }
    }
    return at;
  }

  @Test
  void everyTwentiethOfTheBudgetWhenUnsetAndAtTheEnd() {
    // budget 100: every 5 steps; batches of 3 cross 5 at 6, 10 at 12, … and the last batch ends at 100
    long[] steps = new long[34];
    for (int i = 0; i < 33; i++) {
      steps[i] = 3L * (i + 1);
    }
    steps[33] = 100;
    assertThat(evaluatedAt(100, steps)).containsExactly(6L, 12L, 15L, 21L, 27L, 30L, 36L, 42L, 45L, 51L, 57L, 60L, 66L,
        72L, 75L, 81L, 87L, 90L, 96L, 100L);
  }

  @Test
  void aStepPastSeveralIntervalsEvaluatesOnceAndCatchesUp() {
    // one step from 4 to 37 passes 5 … 35: one evaluation, the next due at 40, not at 10
    assertThat(evaluatedAt(100, 4, 37, 39, 40, 41)).containsExactly(37L, 40L);
  }
}
