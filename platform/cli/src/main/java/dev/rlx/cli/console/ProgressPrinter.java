package dev.rlx.cli.console;

import dev.rlx.core.exec.ScheduledTrial;
import dev.rlx.core.exec.SweepProgress;
import dev.rlx.core.store.TrialStatus;
import java.io.PrintWriter;
import java.time.Duration;

/**
 * Shows a sweep's progress: on a terminal one live line (done / running / failed / pending,
 * elapsed, ETA) redrawn in place, plus a line for each trial that fails; otherwise plain log
 * lines: one per trial for small sweeps, and for large ones (over {@value #EACH_TRIAL_UP_TO}
 * trials) a counts line every 10 seconds, with every failure still on a line of its own.
 */
public final class ProgressPrinter implements SweepProgress {

  static final int EACH_TRIAL_UP_TO = 100;

  private final PrintWriter out;
  private final boolean live;
  private long lastLogNanos = System.nanoTime();
  private long lastDrawNanos;
  private int lastLength;
  private Counts last;

  ProgressPrinter(PrintWriter out, boolean live) {
    this.out = out;
    this.live = live;
  }

  @Override
  public synchronized void update(Counts counts) {
    last = counts;
    if (!live) {
      if (counts.total() > EACH_TRIAL_UP_TO && System.nanoTime() - lastLogNanos > 10_000_000_000L) {
        lastLogNanos = System.nanoTime();
        out.println(line(counts));
        out.flush();
      }
      return;
    }
    long now = System.nanoTime();
    if (now - lastDrawNanos < 100_000_000L && counts.running() > 0) {
      return; // at most ten redraws a second
    }
    lastDrawNanos = now;
    String line = line(counts);
    out.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
    out.flush();
    lastLength = line.length();
  }

  @Override
  public synchronized void trialEnded(ScheduledTrial trial, TrialStatus status, int attempt, String error) {
    boolean quiet = live || (last != null && last.total() > EACH_TRIAL_UP_TO);
    if (quiet && status == TrialStatus.COMPLETED) {
      return;
    }
    String mark = switch (status) {
      case COMPLETED -> "done     ";
      case PENDING -> "retrying ";
      case CANCELLED -> "cancelled";
      case TIMED_OUT -> "timed out";
      default -> "FAILED   ";
    };
    String label = "#" + trial.spec().index() + " " + trial.spec().id()
        + (trial.spec().variant().isEmpty() ? "" : " " + trial.spec().variant()) + " seed " + trial.spec().seed()
        + (attempt > 1 ? " (attempt " + attempt + ")" : "");
    String prefix = live ? "\r" + " ".repeat(lastLength) + "\r" : "";
    String counts = last == null ? "" : "[" + (last.done() + last.failed() + (status == TrialStatus.PENDING ? 0 : 1)) + "/" + last.total() + "] ";
    out.println(prefix + counts + mark + " " + label + (error == null ? "" : ": " + error));
    out.flush();
    lastLength = 0;
  }

  @Override
  public synchronized void notice(String message) {
    out.println((live ? "\r" + " ".repeat(lastLength) + "\r" : "") + "rlx: warning: " + message);
    out.flush();
    lastLength = 0;
  }

  /** Ends the live line, or logs the final counts. */
  @Override
  public synchronized void finish() {
    if (last == null) {
      return;
    }
    if (live) {
      out.print("\r" + line(last) + " ".repeat(Math.max(0, lastLength - line(last).length())));
      out.println();
    } else if (last.total() > EACH_TRIAL_UP_TO) {
      out.println(line(last));
    }
    out.flush();
  }

  static String line(Counts c) {
    return String.format("%d/%d done, %d running, %d failed, %d pending, %s elapsed%s",
        c.done(), c.total(), c.running(), c.failed(), c.pending(), clock(c.elapsed()),
        c.eta().map(e -> ", ETA " + clock(e)).orElse(""));
  }

  static String clock(Duration d) {
    long s = d.toSeconds();
    return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, (s % 3600) / 60, s % 60) : String.format("%02d:%02d", s / 60, s % 60);
  }
}
