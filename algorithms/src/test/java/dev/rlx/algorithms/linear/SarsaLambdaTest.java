package dev.rlx.algorithms.linear;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rlx.algorithms.RecordingContext;
import dev.rlx.algorithms.linear.SarsaLambdaParams.Trace;
import dev.rlx.api.TrialContext.Budget;
import dev.rlx.environments.classic.MountainCar;
import dev.rlx.environments.classic.MountainCarParams;
import java.util.List;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;

/** SARSA(λ) and true online SARSA(λ) with tile coding on Mountain Car (Sutton &amp; Barto §12.7). */
class SarsaLambdaTest {

  private static List<Double> sarsaLambda(double alpha, double lambda, Trace trace, long seed, int episodes) {
    RecordingContext context = new RecordingContext(seed, new Budget(0, episodes));
    new SarsaLambda(new SarsaLambdaParams(alpha, 1.0, lambda, 0.0, trace, new TileCodingParams(8, 8)),
        new MountainCar(new MountainCarParams(5_000)), context).train();
    return context.values("charts/episode_length");
  }

  private static List<Double> trueOnline(double alpha, double lambda, long seed, int episodes) {
    RecordingContext context = new RecordingContext(seed, new Budget(0, episodes));
    new TrueOnlineSarsaLambda(new TrueOnlineSarsaLambdaParams(alpha, 1.0, lambda, 0.0, new TileCodingParams(8, 8)),
        new MountainCar(new MountainCarParams(5_000)), context).train();
    return context.values("charts/episode_length");
  }

  private static double mean(List<Double> xs) {
    return xs.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
  }

  /** Σ over seeds 0..seeds−1 of the mean episode length of {@code run(seed)}. */
  private static double sumOfMeans(int seeds, LongFunction<List<Double>> run) {
    double sum = 0;
    for (long seed = 0; seed < seeds; seed++) {
      sum += mean(run.apply(seed));
    }
    return sum;
  }

  @Test
  void learnsToReachTheGoalInUnder200StepsWithinAHundredEpisodes() {
    // references.md §6.3: 8 tilings, α = 0.5/8, λ = 0.9, ε = 0 solves in ~100 episodes to < 200 steps.
    for (long seed = 0; seed < 3; seed++) {
      List<Double> lengths = sarsaLambda(0.5, 0.9, Trace.REPLACING, seed, 100);
      assertThat(lengths.get(0)).isGreaterThan(300.0); // the first episode explores by optimism
      assertThat(mean(lengths.subList(90, 100))).isLessThan(200.0);
    }
  }

  @Test
  void tracesSpeedUpEarlyLearning() {
    double oneStep = sumOfMeans(5, seed -> sarsaLambda(1.0, 0.0, Trace.REPLACING, seed, 50));
    double traced = sumOfMeans(5, seed -> sarsaLambda(1.0, 0.9, Trace.REPLACING, seed, 50));
    assertThat(traced).isLessThan(oneStep * 0.9);
  }

  @Test
  void atLambdaZeroAllVariantsAreOneStepLinearSarsa() {
    // With λ = 0 every trace is just x(S, A): the three updates coincide draw for draw.
    List<Double> replacing = sarsaLambda(0.6, 0.0, Trace.REPLACING, 4, 20);
    assertThat(sarsaLambda(0.6, 0.0, Trace.ACCUMULATING, 4, 20)).isEqualTo(replacing);
    assertThat(trueOnline(0.6, 0.0, 4, 20)).isEqualTo(replacing);
  }

  @Test
  void trueOnlineStaysStableWhereAccumulatingTracesBreakDown() {
    // Fig. 12.11: at α × tilings = 1.6, accumulating traces overshoot; true online does not.
    double accumulating = sumOfMeans(3, seed -> sarsaLambda(1.6, 0.9, Trace.ACCUMULATING, seed, 20));
    double trueOnline = sumOfMeans(3, seed -> trueOnline(1.6, 0.9, seed, 20));
    assertThat(trueOnline / 3).isLessThan(400.0);
    assertThat(accumulating).isGreaterThan(2 * trueOnline);
  }
}
