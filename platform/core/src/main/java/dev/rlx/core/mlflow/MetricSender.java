package dev.rlx.core.mlflow;

import dev.rlx.core.mlflow.MlflowApi.LoggedPoint;
import dev.rlx.core.mlflow.MlflowApi.RunRef;
import dev.rlx.core.mlflow.MlflowLedger.Point;
import dev.rlx.core.mlflow.MlflowLedger.TrialRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongConsumer;

/**
 * Sends a trial's metric rows to its child run exactly once: in (key id, step) order, in
 * batches of at most 1,000, behind a high-water mark in the ledger. The last row of the batch
 * in flight is recorded first; if its answer is lost, the run's metric history says which of
 * its points arrived, and only the others are sent again.
 */
final class MetricSender {

  /** Records that MLflow definitely rejected part of a trial (kept in the store, not retried). */
  @FunctionalInterface
  interface Rejections {
    void reject(TrialRow t, String what, MlflowException e);
  }

  private final MlflowApi api;
  private final MlflowLedger ledger;
  private final long sweepId;
  /** Counts the points sent, as they go (a pass may end with a retryable failure midway). */
  private final LongConsumer sent;
  private final Rejections rejects;

  MetricSender(MlflowApi api, MlflowLedger ledger, long sweepId, LongConsumer sent, Rejections rejects) {
    this.api = api;
    this.ledger = ledger;
    this.sweepId = sweepId;
    this.sent = sent;
    this.rejects = rejects;
  }

  /**
   * Sends the metric rows of an ended trial that have not arrived, and moves its marks. Rows at
   * or before their key's {@code streamed} step went while the trial ran ({@link LiveSender}).
   */
  void send(RunRef child, TrialRow t, Map<String, Long> streamed) {
    long start = millis(t.startedAt(), t.finishedAt() == null ? Instant.now() : t.finishedAt());
    int key = t.sentKeyId();
    long step = t.sentStep();
    if (after(t.tryKeyId(), t.tryStep(), key, step)) {
      // The answer to that batch was lost, and "partial data may be written" (log-batch docs):
      // send just the points of it that the run's metric history lacks.
      List<Point> tried = ledger.pointsAfter(t.pk(), key, step, RunParams.MAX_METRICS_PER_BATCH).stream()
          .filter(p -> !after(p.keyId(), p.step(), t.tryKeyId(), t.tryStep())).filter(p -> !streamed(p, streamed)).toList();
      List<Point> missing = missing(child.runId(), tried, start);
      if (!missing.isEmpty()) {
        MlflowApi.MetricBatch resend = new MlflowApi.MetricBatch();
        missing.forEach(p -> resend.add(p.key(), p.value(), timestamp(p, start), p.step()));
        api.logMetrics(child.runId(), resend);
        sent.accept(missing.size());
      }
      key = t.tryKeyId();
      step = t.tryStep();
      ledger.setTrial(t.pk(), sweepId, "sent_key_id = ?, sent_step = ?", key, step);
    }
    boolean marked = true; // whether the ledger's sent mark is (key, step)
    while (true) {
      List<Point> batch = ledger.pointsAfter(t.pk(), key, step, RunParams.MAX_METRICS_PER_BATCH);
      if (batch.isEmpty()) {
        if (!marked) {
          ledger.setTrial(t.pk(), sweepId, "sent_key_id = ?, sent_step = ?", key, step);
        }
        return;
      }
      Point last = batch.get(batch.size() - 1);
      MlflowApi.MetricBatch metrics = new MlflowApi.MetricBatch();
      for (Point p : batch) {
        if (!streamed(p, streamed)) {
          metrics.add(p.key(), p.value(), timestamp(p, start), p.step());
        }
      }
      // One write per batch: the previous batch arrived, this one is in flight.
      ledger.setTrial(t.pk(), sweepId, "sent_key_id = ?, sent_step = ?, try_key_id = ?, try_step = ?", key, step, last.keyId(),
          last.step());
      try {
        if (metrics.size() > 0) {
          api.logMetrics(child.runId(), metrics);
          sent.accept(metrics.size());
        }
      } catch (MlflowException e) {
        if (e.retryable()) {
          throw e;
        }
        rejects.reject(t, "metrics " + batch.get(0).key() + "…" + last.key(), e);
      }
      key = last.keyId();
      step = last.step();
      marked = false;
    }
  }

  private static boolean streamed(Point p, Map<String, Long> streamed) {
    Long mark = streamed.get(p.key());
    return mark != null && p.step() <= mark;
  }

  /** The points of {@code tried} that the run's history lacks (compared as MLflow does: key, step, timestamp, value). */
  private List<Point> missing(String runId, List<Point> tried, long start) {
    Map<String, Set<LoggedPoint>> history = new HashMap<>();
    List<Point> out = new ArrayList<>();
    for (Point p : tried) {
      Set<LoggedPoint> logged = history.computeIfAbsent(p.key(), k -> new HashSet<>(api.metricHistory(runId, k)));
      // LoggedPoint's equals compares doubles by their bits, as the store's primary key does.
      if (!logged.contains(new LoggedPoint(p.step(), timestamp(p, start), p.value()))) {
        out.add(p);
      }
    }
    return out;
  }

  /** The store keeps seconds since the trial started; MLflow wants milliseconds since the epoch. */
  private static long timestamp(Point p, long start) {
    return start + Math.round(p.wallTime() * 1000);
  }

  private static boolean after(int keyA, long stepA, int keyB, long stepB) {
    return keyA > keyB || (keyA == keyB && stepA > stepB);
  }

  private static long millis(Instant t, Instant fallback) {
    return (t == null ? fallback : t).toEpochMilli();
  }
}
