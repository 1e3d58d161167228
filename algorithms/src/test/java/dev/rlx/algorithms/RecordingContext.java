package dev.rlx.algorithms;

import dev.rlx.api.Device;
import dev.rlx.api.TrialContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A trial context that keeps metrics in memory, for algorithm tests. */
public final class RecordingContext implements TrialContext {

  private final long seed;
  private final Budget budget;
  private final Map<String, List<double[]>> metrics = new LinkedHashMap<>();

  public RecordingContext(long seed, Budget budget) {
    this.seed = seed;
    this.budget = budget;
  }

  /**
   * Trains the algorithm {@code algorithm} builds on {@code env} and a new context (seed
   * {@code seed}, a budget of {@code envSteps}), and returns the context with its metrics.
   */
  public static <E> RecordingContext train(long seed, long envSteps, E env,
      java.util.function.BiFunction<E, RecordingContext, dev.rlx.api.Algorithm> algorithm) {
    RecordingContext context = new RecordingContext(seed, new Budget(envSteps, 0));
    try {
      algorithm.apply(env, context).train();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) { // Algorithm.train may throw checked exceptions; the deep algorithms do not
      throw new AssertionError(e);
    }
    return context;
  }

  /** The values logged for {@code key}, in logging order. */
  public List<Double> values(String key) {
    List<Double> out = new ArrayList<>();
    metrics.getOrDefault(key, List.of()).forEach(row -> out.add(row[1]));
    return out;
  }

  @Override public String trialId() { return "test"; }
  @Override public long seed() { return seed; }
  @Override public Budget budget() { return budget; }
  @Override public Evaluation evaluation() { return Evaluation.NONE; }
  @Override public Device device() { return Device.CPU; }
  @Override public Path runDirectory() { return Path.of("target"); }
  @Override public boolean isCancelled() { return false; }

  @Override
  public void log(String key, long step, double value) {
    metrics.computeIfAbsent(key, k -> new ArrayList<>()).add(new double[] {step, value});
  }
}
