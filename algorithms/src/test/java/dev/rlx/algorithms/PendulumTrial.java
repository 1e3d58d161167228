package dev.rlx.algorithms;

import dev.rlx.api.Algorithm;
import dev.rlx.api.TrialContext.Budget;
import dev.rlx.environments.classic.Pendulum;
import dev.rlx.environments.classic.PendulumParams;
import java.util.function.BiFunction;

/** A continuous-control algorithm trained on Pendulum-v1 (200-step episodes), its metrics recorded, for the tests. */
public final class PendulumTrial {

  private PendulumTrial() {}

  /** Trains {@code algorithm} (built on the environment and the context) for {@code envSteps} with {@code seed}. */
  public static RecordingContext train(long seed, long envSteps,
      BiFunction<Pendulum, RecordingContext, Algorithm> algorithm) {
    RecordingContext context = new RecordingContext(seed, new Budget(envSteps, 0));
    try {
      algorithm.apply(new Pendulum(new PendulumParams(10.0, 200)), context).train();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) { // Algorithm.train may throw checked exceptions; the deep algorithms do not
      throw new AssertionError(e);
    }
    return context;
  }
}
