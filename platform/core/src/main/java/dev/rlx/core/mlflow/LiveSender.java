package dev.rlx.core.mlflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rlx.core.exec.LiveMetrics;
import dev.rlx.core.mlflow.MlflowApi.LoggedPoint;
import dev.rlx.core.mlflow.MlflowApi.RunRef;
import dev.rlx.core.mlflow.MlflowLedger.TrialRow;
import dev.rlx.core.store.MetricRow;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.LongConsumer;

/**
 * Streams a running trial's metrics to its child run: the rows its {@link LiveMetrics} file has
 * past the ledger's offset, in batches of at most 1,000, each point once per (key, step) — the
 * last step sent per key is the high-water mark that the trial's stored rows are filtered by
 * when it ends ({@link MetricSender}). A batch's end offset is recorded before it is sent; if
 * its answer is lost, the run's history says which of its points arrived.
 */
final class LiveSender {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<TreeMap<String, Long>> MARKS = new TypeReference<>() {};

  private final MlflowApi api;
  private final MlflowLedger ledger;
  private final long sweepId;
  private final LongConsumer sent;
  private final java.util.function.Consumer<String> unreadable;

  /**
   * @param sent counts the points sent
   * @param unreadable hears of a live file that cannot be read (one line, for the user)
   */
  LiveSender(MlflowApi api, MlflowLedger ledger, long sweepId, LongConsumer sent, java.util.function.Consumer<String> unreadable) {
    this.api = api;
    this.ledger = ledger;
    this.sweepId = sweepId;
    this.sent = sent;
    this.unreadable = unreadable;
  }

  /** The per-key marks recorded for a trial: key → the last step streamed. */
  static Map<String, Long> marks(TrialRow t) {
    if (t.liveMarks() == null || t.liveMarks().isEmpty()) {
      return new TreeMap<>();
    }
    try {
      return JSON.readValue(t.liveMarks(), MARKS);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("malformed live_marks of trial " + t.trialId() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Sends what the trial's live file holds past the ledger's offset, at most {@code maxBatches}
   * batches (a pass over many running trials stays short); returns whether all of it went.
   */
  boolean stream(RunRef child, TrialRow t, int maxBatches) {
    if (t.runDir() == null) {
      return true;
    }
    try {
      return send(child, t, maxBatches);
    } catch (java.io.UncheckedIOException | IllegalStateException e) {
      // A live file that cannot be read, or a line that is not a row: nothing is streamed of this
      // trial now, and its stored rows still go when it ends. The mirror goes on with the others.
      unreadable.accept("cannot stream the metrics of trial " + t.trialId() + " (" + e.getMessage()
          + "); they are sent when it ends");
      return true;
    }
  }

  /**
   * The marks of an ended trial once the batch it had in flight, if any, is resolved (the
   * driver may have been killed between sending it and recording it): what its stored rows are
   * filtered by. Nothing more of the live file is sent; the stored rows are the rest.
   */
  Map<String, Long> settled(RunRef child, TrialRow t) {
    Map<String, Long> marks = marks(t);
    if (t.runDir() == null || t.liveTryOffset() <= t.liveOffset()) {
      return marks;
    }
    try {
      resolveInFlight(child, t, Path.of(t.runDir()).resolve(LiveMetrics.FILE), start(t), marks);
    } catch (java.io.UncheckedIOException | IllegalStateException e) {
      // The file is gone: the points of that batch are looked up in the run's history with the rest.
      return marks(t);
    }
    return marks;
  }

  /** Whether {@code file} was last written before the attempt started (a second's slack for file-time rounding). */
  private static boolean olderThanTheAttempt(Path file, long attemptStart) {
    try {
      return java.nio.file.Files.getLastModifiedTime(file).toMillis() + 1_000 < attemptStart;
    } catch (java.io.IOException e) {
      return false; // missing: nothing to read anyway
    }
  }

  private static long start(TrialRow t) {
    return (t.startedAt() == null ? Instant.now() : t.startedAt()).toEpochMilli();
  }

  /** Resends what of the batch in flight the run's history lacks, and records the marks past it; returns the offset after it. */
  private long resolveInFlight(RunRef child, TrialRow t, Path file, long start, Map<String, Long> marks) {
    long offset = t.liveOffset();
    // The answer to that batch was lost: send only what of it the run's history lacks.
    LiveMetrics.Chunk tried = LiveMetrics.read(file, offset, t.liveTryOffset(), Integer.MAX_VALUE);
    Map<String, Set<LoggedPoint>> history = new HashMap<>();
    MlflowApi.MetricBatch resend = new MlflowApi.MetricBatch();
    for (MetricRow r : fresh(tried.rows(), marks)) {
      Set<LoggedPoint> logged = history.computeIfAbsent(r.key(), k -> new HashSet<>(api.metricHistory(child.runId(), k)));
      if (!logged.contains(new LoggedPoint(r.step(), timestamp(r, start), r.value()))) {
        resend.add(r.key(), r.value(), timestamp(r, start), r.step());
      }
    }
    if (resend.size() > 0) {
      api.logMetrics(child.runId(), resend);
      sent.accept(resend.size());
    }
    offset = tried.next();
    record(t, offset, offset, marks);
    return offset;
  }

  private boolean send(RunRef child, TrialRow t, int maxBatches) {
    Path file = Path.of(t.runDir()).resolve(LiveMetrics.FILE);
    long start = start(t);
    if (olderThanTheAttempt(file, start)) {
      return true; // an earlier attempt's file, not yet replaced by this attempt's
    }
    Map<String, Long> marks = marks(t);
    long offset = t.liveTryOffset() > t.liveOffset() ? resolveInFlight(child, t, file, start, marks) : t.liveOffset();
    for (int b = 0; b < maxBatches; b++) {
      LiveMetrics.Chunk chunk = LiveMetrics.read(file, offset, RunParams.MAX_METRICS_PER_BATCH);
      if (chunk.rows().isEmpty()) {
        return true;
      }
      List<MetricRow> rows = fresh(chunk.rows(), marks);
      if (!rows.isEmpty()) {
        MlflowApi.MetricBatch batch = new MlflowApi.MetricBatch();
        rows.forEach(r -> batch.add(r.key(), r.value(), timestamp(r, start), r.step()));
        ledger.setTrial(t.pk(), sweepId, "live_try_offset = ?", chunk.next());
        api.logMetrics(child.runId(), batch);
        sent.accept(batch.size());
      }
      offset = chunk.next();
      record(t, offset, offset, marks);
    }
    return false;
  }

  /** The rows past their key's mark (each (key, step) once: a step logged again is not sent again), moving the marks. */
  private static List<MetricRow> fresh(List<MetricRow> rows, Map<String, Long> marks) {
    List<MetricRow> out = new java.util.ArrayList<>();
    for (MetricRow r : rows) {
      Long mark = marks.get(r.key());
      if (mark == null || r.step() > mark) {
        out.add(r);
        marks.put(r.key(), r.step());
      }
    }
    return out;
  }

  private void record(TrialRow t, long offset, long tryOffset, Map<String, Long> marks) {
    try {
      ledger.setTrial(t.pk(), sweepId, "live_offset = ?, live_try_offset = ?, live_marks = ?, live_attempt = ?", offset, tryOffset,
          JSON.writeValueAsString(new LinkedHashMap<>(marks)), t.attempts());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The store keeps seconds since the trial started; MLflow wants milliseconds since the epoch (as {@link MetricSender}). */
  private static long timestamp(MetricRow r, long start) {
    return start + Math.round(r.wallTime() * 1000);
  }
}
