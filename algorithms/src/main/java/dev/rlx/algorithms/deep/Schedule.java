package dev.rlx.algorithms.deep;

/**
 * A hyperparameter as a function of training progress — learning-rate annealing, ε-greedy
 * exploration decay, the importance-sampling exponent β of prioritised replay — written once.
 * {@code progress} is the fraction of the schedule elapsed; values past 1 hold the end value.
 */
@FunctionalInterface
public interface Schedule {

  /** The value at {@code progress} ∈ [0, 1] (clamped). */
  double at(double progress);

  /** The value after {@code step} of {@code steps} (SB3's schedules take the remaining fraction; this the elapsed one). */
  default double at(long step, long steps) {
    return at(steps <= 0 ? 1 : (double) step / steps);
  }

  static Schedule constant(double value) {
    return progress -> value;
  }

  /** start + (end − start) · p, then end: CleanRL's {@code linear_schedule}, PPO's learning-rate annealing. */
  static Schedule linear(double start, double end) {
    return progress -> progress >= 1 ? end : start + (end - start) * Math.max(0, progress);
  }

  /** start · (end / start)^p, then end: a geometric decay between two positive values. */
  static Schedule exponential(double start, double end) {
    if (start <= 0 || end <= 0) {
      throw new IllegalArgumentException("an exponential schedule needs positive ends, got " + start + " → " + end);
    }
    return progress -> progress >= 1 ? end : start * Math.pow(end / start, Math.max(0, progress));
  }
}
