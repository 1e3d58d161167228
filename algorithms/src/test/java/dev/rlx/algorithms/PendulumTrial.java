package dev.rlx.algorithms;

import dev.rlx.api.Algorithm;
import dev.rlx.environments.classic.Pendulum;
import dev.rlx.environments.classic.PendulumParams;
import java.util.function.BiFunction;

/** A continuous-control algorithm trained on Pendulum-v1 (200-step episodes), its metrics recorded, for the tests. */
public final class PendulumTrial {

  private PendulumTrial() {}

  /** Small networks and a short warm-up for the off-policy family, so a trial takes a second. */
  private static final java.util.Map<String, Object> SMALL = java.util.Map.of("learning_starts", 100L,
      "hidden_size", 16L, "batch_size", 16L, "buffer_size", 1000L);

  /** An off-policy algorithm's parameters at {@link #SMALL}, with {@code overrides} on top. */
  public static <P extends Record> P small(Class<P> params, java.util.Map<String, Object> overrides) {
    java.util.Map<String, Object> values = new java.util.HashMap<>(SMALL);
    values.putAll(overrides);
    return dev.rlx.api.ParameterSpace.of(params).bind(params, values);
  }

  /** Trains {@code algorithm} (built on the environment and the context) for {@code envSteps} with {@code seed}. */
  public static RecordingContext train(long seed, long envSteps,
      BiFunction<Pendulum, RecordingContext, Algorithm> algorithm) {
    return RecordingContext.train(seed, envSteps, new Pendulum(new PendulumParams(10.0, 200)), algorithm);
  }

  /** Trains twice (the same seed): both give the same 3 episode returns; returns the first run. */
  public static RecordingContext twiceTheSame(java.util.function.Supplier<RecordingContext> train) {
    RecordingContext first = train.get();
    java.util.List<Double> returns = first.values("charts/episodic_return");
    org.assertj.core.api.Assertions.assertThat(returns).hasSize(3);
    org.assertj.core.api.Assertions.assertThat(train.get().values("charts/episodic_return")).isEqualTo(returns);
    return first;
  }
}
