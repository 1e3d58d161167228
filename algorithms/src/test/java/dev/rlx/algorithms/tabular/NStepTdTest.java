package dev.rlx.algorithms.tabular;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.rlx.algorithms.RecordingContext;
import dev.rlx.api.TrialContext.Budget;
import dev.rlx.environments.tabular.RandomWalk;
import dev.rlx.environments.tabular.RandomWalkParams;
import java.util.List;
import org.junit.jupiter.api.Test;

class NStepTdTest {

  private static List<Double> errors(int n, double alpha, long seed, long episodes) {
    RecordingContext context = new RecordingContext(seed, new Budget(0, episodes));
    new NStepTd(new NStepTdParams(alpha, 1.0, n, 0.0), new RandomWalk(new RandomWalkParams(19, -1.0, 1.0)), context).train();
    return context.values("rms_error");
  }

  @Test
  void oneStepIsTdZeroExactly() {
    for (long seed = 0; seed < 3; seed++) {
      RecordingContext td0 = new RecordingContext(seed, new Budget(0, 30));
      new TdLambda(new TdLambdaParams(0.3, new LambdaReturnParams(1.0, 0.0),
          TdLambdaParams.Trace.ACCUMULATING, 0.0, TdLambdaParams.Update.ONLINE),
          new RandomWalk(new RandomWalkParams(19, -1.0, 1.0)), td0).train();
      List<Double> nStep = errors(1, 0.3, seed, 30);
      List<Double> reference = td0.values("rms_error");
      assertThat(nStep).hasSize(30);
      for (int i = 0; i < 30; i++) {
        assertThat(nStep.get(i)).isCloseTo(reference.get(i), within(1e-12));
      }
    }
  }

  @Test
  void anNLongerThanTheEpisodeIsMonteCarlo() {
    // With n ≥ T every update uses the full return: after one episode from V = 0 with α = 1,
    // every visited state's value is the episode's return (±1), the others stay 0.
    RecordingContext context = new RecordingContext(5, new Budget(0, 1));
    RandomWalk walk = new RandomWalk(new RandomWalkParams(5, -1.0, 1.0));
    new NStepTd(new NStepTdParams(1.0, 1.0, 1000, 0.0), walk, context).train();
    double rms = context.values("rms_error").get(0);
    double[] truth = walk.trueStateValues(1.0);
    // The walk from the middle visits state 2 and at least one neighbour; check the error is
    // that of some vector of 0s and ±1s (all of one sign) against the truth.
    boolean matches = false;
    for (int sign : new int[] {-1, 1}) {
      for (int mask = 0; mask < 32 && !matches; mask++) {
        if ((mask & 4) == 0) {
          continue; // the start state is always visited
        }
        double[] v = new double[5];
        for (int s = 0; s < 5; s++) {
          v[s] = (mask >> s & 1) == 1 ? sign : 0;
        }
        matches = Math.abs(TabularPrediction.rmsError(v, truth) - rms) < 1e-12;
      }
    }
    assertThat(matches).isTrue();
  }

  @Test
  void intermediateNBeatsBothExtremesAtTheirBestStepSizes() {
    // Fig. 7.2: the error (10 episodes, averaged over runs) is lowest for intermediate n.
    double[] best = new double[3];
    int[] ns = {1, 4, 64};
    for (int i = 0; i < ns.length; i++) {
      best[i] = Double.MAX_VALUE;
      for (double alpha : new double[] {0.05, 0.1, 0.2, 0.4, 0.6, 0.8}) {
        double mean = 0;
        for (long seed = 0; seed < 100; seed++) {
          mean += errors(ns[i], alpha, seed, 10).stream().mapToDouble(Double::doubleValue).average().orElseThrow() / 100;
        }
        best[i] = Math.min(best[i], mean);
      }
    }
    assertThat(best[1]).isLessThan(best[0]).isLessThan(best[2]);
  }
}
