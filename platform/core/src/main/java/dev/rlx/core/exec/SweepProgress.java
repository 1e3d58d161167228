package dev.rlx.core.exec;

import dev.rlx.core.store.TrialStatus;
import java.time.Duration;
import java.util.Optional;

/** Receives the scheduler's progress: counts after every change, and each trial's end. */
public interface SweepProgress {

  void update(Counts counts);

  void trialEnded(ScheduledTrial trial, TrialStatus status, int attempt, String error);

  /** Something the user should know that is neither a count nor a trial's end (e.g. the store was restored). */
  default void notice(String message) { }

  /** The trials have ended: ends the display (a live line, say). */
  default void finish() { }

  /** Trials done, running, failed (failed, timed out or cancelled) and pending, with timing. */
  record Counts(int total, int done, int running, int failed, int pending, Duration elapsed, Optional<Duration> eta) {}

  SweepProgress SILENT = new SweepProgress() {
    @Override
    public void update(Counts counts) { }

    @Override
    public void trialEnded(ScheduledTrial trial, TrialStatus status, int attempt, String error) { }
  };
}
