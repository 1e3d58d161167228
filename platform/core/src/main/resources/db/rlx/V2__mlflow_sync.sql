-- rlx results store, schema version 2: what of each sweep has reached MLflow. The store stays
-- the source of truth; these rows only say how far the mirror got, so that `rlx mlflow sync`
-- sends the rest exactly once. No credentials are ever stored here.

-- One row per sweep mirrored (or to be mirrored) to an MLflow tracking server.
CREATE TABLE mlflow_sweeps (
  sweep_id        BIGINT        PRIMARY KEY REFERENCES sweeps (id) ON DELETE CASCADE,
  tracking_uri    VARCHAR(1024) NOT NULL,   -- without user:password
  experiment_name VARCHAR(255)  NOT NULL,
  sweep_uid       VARCHAR(36)   NOT NULL,   -- tag rlx.sweep_uid: finds the parent run again
  experiment_id   VARCHAR(64),
  run_id          VARCHAR(64),              -- the parent run, recorded right after it is created
  create_tried    BOOLEAN       NOT NULL DEFAULT FALSE,  -- a create may have reached the server
  tags_sent       BOOLEAN       NOT NULL DEFAULT FALSE,
  spec_sent       BOOLEAN       NOT NULL DEFAULT FALSE,
  report_dir      VARCHAR(1024),            -- set when the report is written; uploaded once
  report_sent     BOOLEAN       NOT NULL DEFAULT FALSE,
  status_sent     VARCHAR(16),              -- the terminal MLflow status sent, if any
  synced          BOOLEAN       NOT NULL DEFAULT FALSE,
  last_error      VARCHAR(1024)
);

-- One row per (trial, sweep that ran it): the child run and what it has received.
CREATE TABLE mlflow_trials (
  trial_pk      BIGINT      NOT NULL REFERENCES trials (pk) ON DELETE CASCADE,
  sweep_id      BIGINT      NOT NULL,
  run_id        VARCHAR(64),
  create_tried  BOOLEAN     NOT NULL DEFAULT FALSE,
  params_sent   BOOLEAN     NOT NULL DEFAULT FALSE,   -- params and tags (both idempotent)
  -- Metric rows go in (key_id, step) order; everything up to this mark has been sent.
  sent_key_id   INT         NOT NULL DEFAULT -1,
  sent_step     BIGINT      NOT NULL DEFAULT -1,
  -- The last row of the batch in flight: when it is past the mark, that batch may or may
  -- not have arrived, and the run's metric history says which.
  try_key_id    INT         NOT NULL DEFAULT -1,
  try_step      BIGINT      NOT NULL DEFAULT -1,
  metrics_sent  BOOLEAN     NOT NULL DEFAULT FALSE,
  config_sent   BOOLEAN     NOT NULL DEFAULT FALSE,
  status_sent   VARCHAR(16),                         -- the terminal MLflow status sent, if any
  synced        BOOLEAN     NOT NULL DEFAULT FALSE,
  last_error    VARCHAR(1024),
  PRIMARY KEY (trial_pk, sweep_id)
);
CREATE INDEX mlflow_trials_sweep ON mlflow_trials (sweep_id, synced);
