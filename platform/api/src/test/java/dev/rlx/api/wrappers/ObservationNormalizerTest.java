package dev.rlx.api.wrappers;

import static dev.rlx.api.wrappers.ScriptedEnvironment.OBSERVATION_SIZE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.rlx.api.BatchedEnvironment.Batch;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Observation normalisation against the closed-form statistics of every observation returned so far. */
class ObservationNormalizerTest {

  private static final int COPIES = 3;
  private static final int D = OBSERVATION_SIZE;

  private final TransformedVectorEnvironment<ObservationNormalizer> env =
      new TransformedVectorEnvironment<>(new ScriptedEnvironment(), new ObservationNormalizer(D));
  private final Batch batch = Batch.of(COPIES, D);
  private final List<double[]> seen = new ArrayList<>();

  @Test
  void normalisesEachResetAndStepWithTheStatisticsOfAllObservationsSoFarIncludingTheResetOnes() {
    env.reset(0, batch);
    see(0);
    assertNormalized(0, batch.observations(), ClosedForm.withPrior(seen, D));
    for (int t = 1; t <= 8; t++) {
      env.step(new int[COPIES], batch);
      see(t);
      assertNormalized(t, batch.observations(), ClosedForm.withPrior(seen, D));
    }
    assertThat(env.transform().statistics().count()).isCloseTo(9 * COPIES + 1e-4, within(1e-9));
  }

  @Test
  void normalisesTheFinalObservationsOfEndedEpisodesWithTheSameStatisticsAndLeavesOtherRowsAlone() {
    env.reset(0, batch);
    see(0);
    for (int t = 1; t <= 4; t++) {
      env.step(new int[COPIES], batch);
      see(t);
      double[][] moments = ClosedForm.withPrior(seen, D); // final observations are not added
      for (int i = 0; i < COPIES; i++) {
        for (int k = 0; k < D; k++) {
          float actual = batch.finalObservations()[i * D + k];
          if (batch.done(i)) {
            float expected = ClosedForm.normalized(ScriptedEnvironment.finalObservation(t, i, k), moments[0][k], moments[1][k]);
            assertThat(actual).as("final row of copy %d at step %d", i, t).isCloseTo(expected, within(1e-6f));
          } else {
            assertThat(actual).isEqualTo(ScriptedEnvironment.STALE);
          }
        }
      }
    }
  }

  @Test
  void aCopyForEvaluationNormalisesWithTheTrainingStatisticsFrozen() {
    env.reset(0, batch);
    for (int t = 0; t < 5; t++) {
      env.step(new int[COPIES], batch);
    }
    TransformedVectorEnvironment<ObservationNormalizer> evaluation = env.copy();
    assertThat(evaluation.transform().isFrozen()).isTrue();
    assertThat(evaluation.transform().statistics()).isSameAs(env.transform().statistics());
    double countBefore = env.transform().statistics().count();
    RunningMeanStd training = env.transform().statistics();

    Batch evalBatch = Batch.of(2, D);
    evaluation.reset(0, evalBatch);
    evaluation.step(new int[2], evalBatch);
    assertThat(training.count()).as("evaluation never updates the statistics").isEqualTo(countBefore);
    for (int i = 0; i < 2; i++) {
      for (int k = 0; k < D; k++) {
        double x = ScriptedEnvironment.observation(1, i, k);
        float expected = (float) Math.max(-10, Math.min(10, (x - training.mean(k)) / Math.sqrt(training.variance(k) + 1e-8)));
        assertThat(evalBatch.observations()[i * D + k]).isCloseTo(expected, within(1e-6f));
      }
    }
    env.step(new int[COPIES], batch); // training goes on: the view follows
    assertThat(evaluation.transform().statistics().count()).isGreaterThan(countBefore);
  }

  private void see(int t) {
    for (int i = 0; i < COPIES; i++) {
      double[] row = new double[D];
      for (int k = 0; k < D; k++) {
        row[k] = ScriptedEnvironment.observation(t, i, k);
      }
      seen.add(row);
    }
  }

  private static void assertNormalized(int t, float[] observations, double[][] moments) {
    for (int i = 0; i < COPIES; i++) {
      for (int k = 0; k < D; k++) {
        float expected = ClosedForm.normalized(ScriptedEnvironment.observation(t, i, k), moments[0][k], moments[1][k]);
        assertThat(observations[i * D + k]).as("copy %d component %d at step %d", i, k, t).isCloseTo(expected, within(1e-6f));
      }
    }
  }
}
