package dev.rlx.core.slurm;

import dev.rlx.api.Isolation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How many trials each Slurm array task runs ({@code executor.trials_per_task}): the number
 * written, or for {@code auto} as many as fill {@code executor.task_length} at the trials' expected
 * duration, {@link SlurmSettings#slots} at a time. The expected duration is the mean of this
 * experiment's stored completed trials; without any, a thread trial is taken to last
 * {@link #THREAD_ESTIMATE} (thread isolation is for light, pure-Java trials) and a process trial
 * a whole task length (so deep-RL trials get one task each until durations are known).
 */
public final class TaskBundles {

  /** The expected duration of a thread trial when the store has none of this experiment's. */
  public static final Duration THREAD_ESTIMATE = Duration.ofSeconds(1);
  /** The most trials one task runs. */
  public static final int MAX_PER_TASK = 100_000;

  private TaskBundles() {}

  /** Trials per task for {@code settings}, given the stored mean trial duration (if any). */
  public static int trialsPerTask(SlurmSettings settings, Isolation isolation, Optional<Duration> storedMean) {
    if (settings.trialsPerTask().isPresent()) {
      return Math.max(1, settings.trialsPerTask().get());
    }
    Duration expected = storedMean.filter(d -> !d.isZero() && !d.isNegative())
        .orElse(isolation == Isolation.THREAD ? THREAD_ESTIMATE : settings.taskLength());
    double perTask = (double) settings.taskLength().toMillis() * settings.slots() / Math.max(1, expected.toMillis());
    return (int) Math.max(1, Math.min(MAX_PER_TASK, Math.floor(perTask)));
  }

  /**
   * {@code items} cut into bundles of at most {@code perTask}, as even as possible (a sweep of
   * 1,001 in bundles of 500 is three of 334, 334 and 333, not 500, 500 and 1).
   */
  public static <T> List<List<T>> split(List<T> items, int perTask) {
    List<List<T>> out = new ArrayList<>();
    if (items.isEmpty()) {
      return out;
    }
    int tasks = (items.size() + perTask - 1) / perTask;
    int base = items.size() / tasks;
    int extra = items.size() % tasks;
    int from = 0;
    for (int k = 0; k < tasks; k++) {
      int size = base + (k < extra ? 1 : 0);
      out.add(List.copyOf(items.subList(from, from + size)));
      from += size;
    }
    return out;
  }
}
