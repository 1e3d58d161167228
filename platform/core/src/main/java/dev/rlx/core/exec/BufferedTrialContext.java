package dev.rlx.core.exec;

import dev.rlx.api.Device;
import dev.rlx.api.TrialContext;
import dev.rlx.core.store.MetricRow;
import java.nio.file.Path;

/**
 * The {@link TrialContext} of a trial: metrics kept in memory until the trial ends, and also
 * streamed to the run directory's {@link LiveMetrics} file when its ticket asks for it.
 */
final class BufferedTrialContext implements TrialContext, AutoCloseable {

  private final TrialTicket ticket;
  private final Budget budget;
  private final Evaluation evaluation;
  private final MetricBuffer metrics = new MetricBuffer();
  private final long startNanos = System.nanoTime();
  private volatile boolean cancelled;
  private final LiveMetrics live;

  BufferedTrialContext(TrialTicket ticket) {
    this.ticket = ticket;
    LiveMetrics started = null;
    if (ticket.liveMetrics()) {
      try {
        started = LiveMetrics.start(ticket.runDir());
      } catch (java.io.IOException e) {
        // no streaming for this trial; its metrics reach the store (and MLflow) when it ends
      }
    }
    this.live = started;
    this.budget = new Budget(ticket.config().path("budget").path("env_steps").asLong(0),
        ticket.config().path("budget").path("episodes").asLong(0));
    var evaluation = ticket.config().path("evaluation");
    this.evaluation = new Evaluation(evaluation.path("every_steps").asLong(0), evaluation.path("every_episodes").asLong(0),
        evaluation.path("episodes").asLong(0));
  }

  @Override
  public String trialId() {
    return ticket.trialId();
  }

  @Override
  public long seed() {
    return ticket.config().path("seed").asLong();
  }

  @Override
  public Budget budget() {
    return budget;
  }

  @Override
  public Evaluation evaluation() {
    return evaluation;
  }

  @Override
  public Device device() {
    return ticket.device();
  }

  @Override
  public Path runDirectory() {
    return ticket.runDir();
  }

  @Override
  public void log(String key, long step, double value) {
    MetricBuffer.checkKey(key);
    MetricRow row = new MetricRow(key, step, value, (System.nanoTime() - startNanos) / 1e9);
    metrics.add(row);
    if (live != null) {
      live.append(row);
    }
  }

  /** Ends the live stream (its last rows flushed). */
  @Override
  public void close() {
    if (live != null) {
      live.close();
    }
  }

  @Override
  public boolean isCancelled() {
    return cancelled;
  }

  void cancel() {
    cancelled = true;
  }

  MetricBuffer metrics() {
    return metrics;
  }
}
