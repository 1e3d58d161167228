package dev.rlx.core.mlflow;

import java.time.Duration;

/**
 * How patiently rlx talks to MLflow.
 *
 * @param callDeadline the longest one request may take before it counts as failed
 * @param poll how often the live mirror looks for new results in the store (the end of the sweep
 *     wakes it at once); each look reads the store, so not much more often than someone watching
 *     the MLflow UI would notice
 * @param backoff the first wait after a failed attempt, doubled after each next one
 * @param maxBackoff the longest wait between attempts
 * @param finishWait how long the end of a sweep waits at most for the mirror to catch up
 */
public record MlflowSettings(Duration callDeadline, Duration poll, Duration backoff, Duration maxBackoff, Duration finishWait) {

  public static final MlflowSettings DEFAULT = new MlflowSettings(
      Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofSeconds(60));

  public MlflowSettings withFinishWait(Duration wait) {
    return new MlflowSettings(callDeadline, poll, backoff, maxBackoff, wait);
  }

  long backoffMillis(int failures) {
    return Math.min(maxBackoff.toMillis(), backoff.toMillis() << Math.min(Math.max(failures - 1, 0), 20));
  }
}
