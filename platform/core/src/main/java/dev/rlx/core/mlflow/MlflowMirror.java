package dev.rlx.core.mlflow;

import dev.rlx.core.exec.SweepRunner;
import dev.rlx.core.plan.ExperimentPlan;
import dev.rlx.sweeps.TrialSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Mirrors a running sweep to MLflow from a thread of its own. It reads what the driver wrote
 * to the store (over a connection of its own) and sends it; trials never wait for it. When
 * MLflow is unreachable, slow or failing it backs off and tries again, and whatever has not
 * arrived stays unsynced in the store for {@code rlx mlflow sync}. The end of the sweep waits
 * for it a bounded time only ({@link MlflowSettings#finishWait}), less when the server is down.
 */
public final class MlflowMirror implements SweepRunner.SweepListener {

  private final MlflowTarget target;
  private final String storeUrl;
  private final MlflowSettings settings;
  private final Consumer<String> warnings;
  private final Object signal = new Object();
  /** How many times {@link #wake} was called (guarded by {@code signal}): a wake during a pass cuts the next sleep. */
  private long wakes;
  private final CountDownLatch ended = new CountDownLatch(1);
  private volatile boolean finishing;
  private volatile boolean stopped;
  private volatile boolean gaveUp;
  private volatile String lastError;
  private volatile SweepSync sync;
  private long sweepId = -1;
  private MlflowApi api;
  private Thread thread;
  private boolean warnedFailure;
  private volatile boolean liveMetrics;

  /**
   * @param warnings receives one line per distinct problem (never a stack trace, never credentials)
   */
  public MlflowMirror(MlflowTarget target, String storeUrl, MlflowSettings settings, Consumer<String> warnings) {
    this.target = target;
    this.storeUrl = storeUrl;
    this.settings = settings;
    this.warnings = warnings;
  }

  @Override
  public void sweepStarted(long sweepId, ExperimentPlan plan) {
    liveMetrics = RunLayout.of(plan.spec(), plan.trials().size()).trialRuns;
    record(target, storeUrl, sweepId, plan);
    resume(sweepId);
  }

  /**
   * Records that a sweep goes to MLflow without mirroring it now (a detached Slurm sweep):
   * {@code rlx status --follow} or {@code rlx mlflow sync} sends it later.
   */
  public static void record(MlflowTarget target, String storeUrl, long sweepId, ExperimentPlan plan) {
    try (MlflowLedger ledger = MlflowLedger.open(storeUrl)) {
      ledger.recordSweep(sweepId, target.display(), plan.spec().tracking().mlflowExperiment(plan.name()));
      RunLayout layout = RunLayout.of(plan.spec(), plan.trials().size());
      ledger.recordGroups(sweepId, layout, layout.groupRuns ? groups(plan) : List.of());
    }
  }

  /** The plan's trials that differ only in their seed, grouped, in plan order. */
  static List<MlflowLedger.NewGroup> groups(ExperimentPlan plan) {
    Map<String, MlflowLedger.NewGroup> groups = new LinkedHashMap<>();
    for (TrialSpec t : plan.trials()) {
      String swept = SweepRunner.sweptJson(t).toString();
      groups.computeIfAbsent(t.variant() + "\u0000" + swept, k -> new MlflowLedger.NewGroup(t.index(), t.variant(), swept,
          new ArrayList<>())).trialIds().add(t.id());
    }
    return List.copyOf(groups.values());
  }

  /** Mirrors a sweep already recorded for MLflow (one that a driver now follows again). */
  public void resume(long sweepId) {
    if (thread != null) {
      throw new IllegalStateException("this mirror already mirrors sweep " + this.sweepId);
    }
    this.sweepId = sweepId;
    api = new MlflowApi(target, settings.callDeadline());
    thread = new Thread(this::mirror, "rlx-mlflow-mirror");
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Stops mirroring now, without waiting for the sweep to end (its Slurm arrays were left
   * running): what was not sent stays unsynced in the store.
   */
  public SyncResult stop() throws InterruptedException {
    if (thread == null) {
      throw new IllegalStateException("no sweep started");
    }
    stopped = true;
    wake();
    api.close();
    thread.join(2_000);
    return MlflowSync.result(target, storeUrl, sweepId, sync == null ? null : sync.sent(), lastError);
  }

  /** Trial runs get their metrics while the trials run: from the files they stream to. */
  @Override
  public boolean liveMetrics() {
    return liveMetrics;
  }

  @Override
  public void trialsRecorded() {
    wake();
  }

  /** Something new is in the store (a trial started or ended): look now rather than at the next poll. */
  public void wake() {
    synchronized (signal) {
      wakes++;
      signal.notifyAll();
    }
  }

  private long wakes() {
    synchronized (signal) {
      return wakes;
    }
  }

  /**
   * Waits, a bounded time, for the mirror to send the rest and close the sweep's runs, with
   * the report in {@code reportDir} (if one was written) on the parent run.
   */
  public SyncResult finish(Optional<Path> reportDir) throws InterruptedException {
    if (thread == null) {
      throw new IllegalStateException("no sweep started");
    }
    reportDir.ifPresent(dir -> {
      try (MlflowLedger ledger = MlflowLedger.open(storeUrl)) {
        ledger.sweepReportDir(sweepId, dir.toAbsolutePath().toString());
      }
    });
    finishing = true;
    wake();
    ended.await(settings.finishWait().toMillis(), TimeUnit.MILLISECONDS);
    // Not Thread.interrupt(): the mirror may be inside H2, whose file channel an interrupt
    // would close under the driver's feet. Closing the connection to MLflow ends any call in
    // flight at once, and the mirror sees `stopped` before its next step.
    stopped = true;
    wake();
    api.close();
    thread.join(2_000);
    return MlflowSync.result(target, storeUrl, sweepId, sync == null ? null : sync.sent(), lastError);
  }

  private void mirror() {
    try (MlflowLedger ledger = MlflowLedger.open(storeUrl)) {
      closeAbandoned(ledger);
      SweepSync pass = new SweepSync(api, ledger, sweepId, this::warn);
      sync = pass;
      try {
        follow(ledger, pass);
      } finally {
        pass.close();
      }
    } catch (RuntimeException e) {
      lastError = e.getMessage();
      warn("MLflow mirroring stopped: " + e.getMessage());
    } finally {
      ended.countDown();
    }
  }

  /** Passes until the sweep is in MLflow, backing off on failures; returns when done, stopped or given up. */
  private void follow(MlflowLedger ledger, SweepSync pass) {
    int failures = 0;
    int failuresWhileFinishing = 0;
    long progressAtFailure = -1;
    while (!stopped) {
      long seen = wakes();
      boolean closing = finishing;
      long passStart = System.nanoTime();
      try {
        if (pass.pass(closing)) {
          lastError = null;
          ledger.setSweep(sweepId, "last_error = NULL");
          return;
        }
        failures = 0;
        lastError = null;
      } catch (MlflowException e) {
        if (stopped) {
          return;
        }
        lastError = e.getMessage();
        boolean progressed = pass.writes() != progressAtFailure;
        ledger.setSweep(sweepId, "last_error = ?", truncate(e.getMessage()));
        progressAtFailure = pass.writes();
        if (!e.retryable()) {
          warn("MLflow refused the sweep's runs: " + e.getMessage() + "; mirroring stops, everything stays in the store");
          gaveUp = true;
          return;
        }
        failures++;
        if (!warnedFailure) {
          warnedFailure = true;
          warn(e.getMessage() + "; the sweep goes on, and what MLflow misses stays in the store for `rlx mlflow sync "
              + sweepId + "`");
        }
        if (closing) {
          // At the end, give up after two failed attempts in a row that got nothing further.
          if (progressed) {
            failuresWhileFinishing = 0;
          }
          if (++failuresWhileFinishing >= 3) {
            gaveUp = true;
            return;
          }
        }
        sleep(closing ? Math.min(settings.backoff().toMillis(), 200) : settings.backoffMillis(failures), seen);
        continue;
      }
      // Finishing too: a pass that could not end the sweep has sent all there was (the
      // sweep is still running, e.g. Slurm arrays left running); look again at the next poll.
      // Trials ending wake the mirror, thousands a second in a tabular sweep: resting twice as
      // long as the pass took keeps it to a third of a core beside the trials, whatever the wakes.
      if (!finishing) {
        rest(2 * (System.nanoTime() - passStart) / 1_000_000);
      }
      sleep(settings.poll().toMillis(), seen);
    }
  }

  /**
   * Earlier sweeps of this experiment on this server that ended without their driver (killed:
   * the store now says INTERRUPTED) and are not fully in MLflow: one pass each, so that their
   * runs end KILLED rather than stay RUNNING. Best effort: `rlx mlflow sync` does the rest.
   */
  private void closeAbandoned(MlflowLedger ledger) {
    MlflowLedger.SweepRow own = ledger.sweep(sweepId).orElseThrow();
    for (long old : ledger.unsyncedSweeps()) {
      MlflowLedger.SweepRow row = ledger.sweep(old).orElse(null);
      if (old == sweepId || stopped || row == null || !"INTERRUPTED".equals(row.sweepStatus())
          || !row.experiment().equals(own.experiment()) || !target.display().equals(row.trackingUri())) {
        continue;
      }
      try {
        SweepSync closing = new SweepSync(api, ledger, old, this::warn);
        try {
          closing.pass(true);
        } finally {
          closing.close();
        }
      } catch (MlflowException e) {
        return; // the server is down or refuses: this sweep's own mirror will say so
      }
    }
  }

  /** Waits {@code millis} whatever the wakes; only finishing or stopping cuts it short. */
  private void rest(long millis) {
    long until = System.nanoTime() + millis * 1_000_000;
    synchronized (signal) {
      try {
        for (long left = millis; left > 0 && !stopped && !finishing; left = (until - System.nanoTime()) / 1_000_000) {
          signal.wait(left);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        stopped = true;
      }
    }
  }

  /** Waits {@code millis}, or less when woken, or not at all when woken since {@code seen}. */
  private void sleep(long millis, long seen) {
    synchronized (signal) {
      try {
        if (!stopped && millis > 0 && wakes == seen) {
          signal.wait(millis);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        stopped = true;
      }
    }
  }

  private void warn(String message) {
    if (!stopped) {
      warnings.accept(message);
    }
  }

  /** Whether the mirror stopped trying before the end (refused, or the server gone at the end). */
  public boolean gaveUp() {
    return gaveUp;
  }

  private static String truncate(String s) {
    return s == null || s.length() <= 1024 ? s : s.substring(0, 1023) + "…";
  }
}
