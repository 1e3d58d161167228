package dev.rlx.core.mlflow;

import java.util.Optional;

/**
 * Where a sweep stands in MLflow after mirroring or syncing it.
 *
 * @param synced everything of the sweep is in MLflow, the parent run ended
 * @param unsyncedTrials trials whose child run is not complete yet (kept in the store)
 * @param runUrl the parent run in the MLflow UI, once it exists
 * @param error why the last attempt failed, if it did
 */
public record SyncResult(long sweepId, boolean synced, int unsyncedTrials, int runsCreated, long metricsSent, int paramsSent,
    int artifactsSent, int rejected, Optional<String> runUrl, Optional<String> error) {}
