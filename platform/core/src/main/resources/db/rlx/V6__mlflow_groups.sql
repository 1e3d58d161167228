-- rlx results store, schema version 6: MLflow group runs. A sweep's trials that differ only in
-- their seed form a group (a configuration); with tracking.mlflow.runs = groups or both, each
-- group gets an MLflow run nested under the sweep's parent with its metrics' mean, standard
-- deviation and 95% CI over the seeds. The group's trial ids are recorded when the sweep starts,
-- from its plan, so a rerun that finishes the seeds an earlier sweep left still aggregates all
-- of them. Idempotent (IF NOT EXISTS), as version 5.
ALTER TABLE mlflow_sweeps ADD COLUMN IF NOT EXISTS run_layout VARCHAR(8);  -- TRIALS, GROUPS or BOTH
ALTER TABLE mlflow_sweeps ADD COLUMN IF NOT EXISTS params_sent BOOLEAN NOT NULL DEFAULT FALSE;  -- the sweep's fixed params
ALTER TABLE mlflow_sweeps ADD COLUMN IF NOT EXISTS verdicts_sent BOOLEAN NOT NULL DEFAULT FALSE;

CREATE TABLE IF NOT EXISTS mlflow_groups (
  sweep_id      BIGINT        NOT NULL REFERENCES sweeps (id) ON DELETE CASCADE,
  idx           INT           NOT NULL,              -- plan order of the group's first trial
  variant       VARCHAR(64)   NOT NULL,
  swept_json    CLOB          NOT NULL,              -- what the sweep set, the seed aside
  trial_ids     CLOB          NOT NULL,              -- the group's trials, one per seed, comma-separated
  run_id        VARCHAR(64),
  create_tried  BOOLEAN       NOT NULL DEFAULT FALSE,
  params_sent   BOOLEAN       NOT NULL DEFAULT FALSE,
  -- The group's points are computed from its finished trials, always in the same order: this
  -- many have arrived; up to try_points were in flight (an answer lost: the history says which).
  sent_points   INT           NOT NULL DEFAULT 0,
  try_points    INT           NOT NULL DEFAULT 0,
  metrics_sent  BOOLEAN       NOT NULL DEFAULT FALSE,
  status_sent   VARCHAR(16),
  synced        BOOLEAN       NOT NULL DEFAULT FALSE,
  last_error    VARCHAR(1024),
  PRIMARY KEY (sweep_id, idx)
);

-- The driver process running a local sweep (host/pid/start, as trials.owner), so that a sweep
-- whose driver is gone (SIGKILL, a crash) is seen as over — INTERRUPTED, and its MLflow runs
-- KILLED — by the next rerun, `rlx status` or `rlx mlflow sync`. NULL for Slurm sweeps, whose
-- arrays go on without their driver.
ALTER TABLE sweeps ADD COLUMN IF NOT EXISTS driver VARCHAR(128);

-- Streaming: a running trial appends its metric rows to metrics.live.tsv in its run directory,
-- and the mirror sends them to its child run as they come. live_offset: the bytes of that file
-- sent; up to live_try_offset were in flight (an answer lost: the run's history says which
-- arrived); live_marks: per metric key, the last step sent ({"key": step}, JSON), so that the
-- trial's stored rows, sent when it ends, add only what streaming did not; live_attempt: the
-- attempt streamed (a retry's points go to a new child run, not after the failed attempt's).
ALTER TABLE mlflow_trials ADD COLUMN IF NOT EXISTS live_attempt INT NOT NULL DEFAULT 0;
ALTER TABLE mlflow_trials ADD COLUMN IF NOT EXISTS live_offset BIGINT NOT NULL DEFAULT 0;
ALTER TABLE mlflow_trials ADD COLUMN IF NOT EXISTS live_try_offset BIGINT NOT NULL DEFAULT 0;
ALTER TABLE mlflow_trials ADD COLUMN IF NOT EXISTS live_marks CLOB;
