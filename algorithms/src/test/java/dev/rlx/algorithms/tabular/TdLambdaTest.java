package dev.rlx.algorithms.tabular;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rlx.algorithms.RecordingContext;
import dev.rlx.api.TrialContext.Budget;
import dev.rlx.environments.tabular.RandomWalk;
import dev.rlx.environments.tabular.RandomWalkParams;
import java.util.List;
import org.junit.jupiter.api.Test;

class TdLambdaTest {

  private static List<Double> rmsErrors(TdLambdaParams params, long seed, long episodes) {
    RecordingContext context = new RecordingContext(seed, new Budget(0, episodes));
    new TdLambda(params, new RandomWalk(new RandomWalkParams(19, -1.0, 1.0)), context).train();
    return context.values("rms_error");
  }

  @Test
  void convergesToTheTrueValuesWithASmallStepSize() {
    for (double lambda : new double[] {0.0, 0.5, 0.9, 1.0}) {
      // High λ means Monte-Carlo-like variance, and accumulating traces grow with revisits:
      // a smaller α keeps the noise floor of the estimate below the bound.
      double alpha = lambda < 0.9 ? 0.01 : lambda < 1 ? 0.002 : 0.0005;
      List<Double> errors = rmsErrors(new TdLambdaParams(alpha, new LambdaReturnParams(1.0, lambda),
          TdLambdaParams.Trace.ACCUMULATING, 0.0, TdLambdaParams.Update.ONLINE), 1, 3000);
      assertThat(errors).hasSize(3000);
      // Initial error with V = 0 is the RMS of the true values, ≈ 0.55.
      assertThat(errors.get(0)).isGreaterThan(0.45);
      double late = errors.subList(2500, 3000).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
      assertThat(late).as("λ = %s", lambda).isLessThan(0.08);
    }
  }

  @Test
  void lambdaZeroIsTdZero() {
    // With λ = 0 the trace is the indicator of s_t, so the update is exactly TD(0).
    RecordingContext context = new RecordingContext(4, new Budget(0, 1));
    RandomWalk walk = new RandomWalk(new RandomWalkParams(5, 0.0, 1.0));
    new TdLambda(new TdLambdaParams(0.5, new LambdaReturnParams(1.0, 0.0),
        TdLambdaParams.Trace.ACCUMULATING, 0.5, TdLambdaParams.Update.ONLINE), walk, context).train();
    // After one episode from V = 0.5, TD(0) with α = 0.5 changes only the last state before
    // termination: it moves halfway to the terminal reward (0 on the left, 1 on the right).
    double rms = context.values("rms_error").get(0);
    double[] truth = walk.trueStateValues(1.0);
    double left = rmsWith(truth, 0, 0.25);
    double right = rmsWith(truth, 4, 0.75);
    assertThat(rms).satisfiesAnyOf(r -> assertThat(r).isCloseTo(left, org.assertj.core.api.Assertions.within(1e-12)),
        r -> assertThat(r).isCloseTo(right, org.assertj.core.api.Assertions.within(1e-12)));
  }

  private static double rmsWith(double[] truth, int changed, double value) {
    double[] v = {0.5, 0.5, 0.5, 0.5, 0.5};
    v[changed] = value;
    return TabularPrediction.rmsError(v, truth);
  }

  @Test
  void theSameSeedGivesTheSameErrors() {
    TdLambdaParams params = new TdLambdaParams(0.2, new LambdaReturnParams(1.0, 0.8),
        TdLambdaParams.Trace.REPLACING, 0.0, TdLambdaParams.Update.ONLINE);
    assertThat(rmsErrors(params, 9, 20)).isEqualTo(rmsErrors(params, 9, 20)).isNotEqualTo(rmsErrors(params, 10, 20));
  }
}
