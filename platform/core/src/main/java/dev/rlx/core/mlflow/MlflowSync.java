package dev.rlx.core.mlflow;

import dev.rlx.core.model.ExperimentSpec;
import dev.rlx.core.model.SpecReader;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code rlx mlflow sync} and {@code rlx mlflow url}: replays to MLflow what a sweep's mirror
 * could not send, without sending again what arrived, and says where the sweep's parent run is.
 */
public final class MlflowSync {

  /** Attempts in a row that may fail, nothing more recorded as sent between, before a sync gives up. */
  static final int ATTEMPTS = 4;

  private MlflowSync() {}

  /** A sweep as far as MLflow is concerned. */
  public record Recorded(long sweepId, String experiment, String sweepStatus, boolean mirrored, Optional<String> trackingUri,
      Optional<String> experimentId, Optional<String> runId, boolean synced) {}

  public static Optional<Recorded> recorded(String storeUrl, long sweepId) {
    try (MlflowLedger ledger = MlflowLedger.open(storeUrl)) {
      return ledger.sweep(sweepId).map(s -> new Recorded(s.sweepId(), s.experiment(), s.sweepStatus(), s.mirrored(),
          Optional.ofNullable(s.trackingUri()), Optional.ofNullable(s.experimentId()), Optional.ofNullable(s.runId()), s.synced()));
    }
  }

  /** The sweeps recorded for MLflow that are not fully in it, oldest first. */
  public static List<Long> unsyncedSweeps(String storeUrl) {
    try (MlflowLedger ledger = MlflowLedger.open(storeUrl)) {
      return ledger.unsyncedSweeps();
    }
  }

  /**
   * Sends what MLflow lacks of {@code sweepId}, retrying with backoff until done or until
   * {@value #ATTEMPTS} attempts in a row have failed without getting anything further. A sweep never
   * mirrored before is mirrored now.
   *
   * @throws IllegalArgumentException when the sweep was mirrored to another server
   */
  public static SyncResult sync(MlflowTarget target, String storeUrl, long sweepId, MlflowSettings settings,
      Consumer<String> notes) throws InterruptedException {
    String error = null;
    SweepSync sync;
    try (MlflowLedger ledger = MlflowLedger.open(storeUrl); MlflowApi api = new MlflowApi(target, settings.callDeadline())) {
      MlflowLedger.SweepRow sweep = ledger.sweep(sweepId).orElseThrow(() -> new IllegalArgumentException("no sweep " + sweepId));
      if (!sweep.mirrored()) {
        ExperimentSpec spec = SpecReader.readStored(sweep.specText());
        ledger.recordSweep(sweepId, target.display(), spec.tracking().mlflowExperiment(sweep.experiment()));
        // No plan now: the groups are those of the trials this sweep ran.
        RunLayout layout = RunLayout.of(spec, sweep.trialsTotal());
        ledger.recordGroups(sweepId, layout, layout.groupRuns ? ledger.groupsOfSweep(sweepId) : List.of());
      } else if (!sweep.trackingUri().equals(target.display())) {
        throw new IllegalArgumentException("sweep " + sweepId + " was mirrored to " + sweep.trackingUri() + ", not "
            + target.display() + "; its runs live there (pass --mlflow-uri " + sweep.trackingUri() + ")");
      }
      sync = new SweepSync(api, ledger, sweepId, notes);
      int failures = 0;
      long progressAtFailure = -1;
      try {
      while (true) {
        try {
          sync.pass(true);
          error = null;
          break;
        } catch (MlflowException e) {
          error = e.getMessage();
          if (!e.retryable()) {
            break;
          }
          if (sync.writes() != progressAtFailure) {
            failures = 0;
          }
          ledger.setSweep(sweepId, "last_error = ?", error.length() > 1024 ? error.substring(0, 1024) : error);
          progressAtFailure = sync.writes();
          if (++failures >= ATTEMPTS) {
            break;
          }
          Thread.sleep(settings.backoffMillis(failures));
        }
      }
      } finally {
        sync.close();
      }
    }
    return result(target, storeUrl, sweepId, sync.sent(), error);
  }

  static SyncResult result(MlflowTarget target, String storeUrl, long sweepId, SweepSync.Sent sent, String error) {
    try (MlflowLedger ledger = MlflowLedger.open(storeUrl)) {
      MlflowLedger.SweepRow sweep = ledger.sweep(sweepId).orElseThrow();
      SweepSync.Sent s = sent == null ? new SweepSync.Sent() : sent;
      Optional<String> url = sweep.runId() == null ? Optional.empty()
          : Optional.of(target.runUrl(sweep.experimentId(), sweep.runId()));
      return new SyncResult(sweepId, sweep.synced(), ledger.unsyncedTrials(sweepId, RunLayout.recorded(sweep.runLayout())), s.runs, s.metrics, s.params, s.artifacts,
          s.rejected, url, Optional.ofNullable(error));
    }
  }
}
