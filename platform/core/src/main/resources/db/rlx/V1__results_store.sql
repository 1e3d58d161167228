-- rlx results store, schema version 1. The store is the source of truth for every sweep.

CREATE TABLE experiments (
  id          BIGINT AUTO_INCREMENT PRIMARY KEY,
  name        VARCHAR(64)  NOT NULL,
  spec_hash   VARCHAR(12)  NOT NULL,
  spec_file   VARCHAR(1024) NOT NULL,
  spec_text   CLOB         NOT NULL,
  created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  CONSTRAINT experiments_name_hash UNIQUE (name, spec_hash)
);

CREATE TABLE sweeps (
  id           BIGINT AUTO_INCREMENT PRIMARY KEY,
  experiment   VARCHAR(64)  NOT NULL,
  experiment_id BIGINT      NOT NULL REFERENCES experiments (id),
  status       VARCHAR(16)  NOT NULL,   -- RUNNING, FINISHED, CANCELLED, INTERRUPTED
  trials_total INT          NOT NULL,
  started_at   TIMESTAMP WITH TIME ZONE NOT NULL,
  finished_at  TIMESTAMP WITH TIME ZONE,
  rlx_version  VARCHAR(32)  NOT NULL,
  git_commit   VARCHAR(40),
  host         VARCHAR(255) NOT NULL,
  jvm          VARCHAR(255) NOT NULL,
  command_line VARCHAR(4096) NOT NULL
);

-- One row per (experiment, trial id); a trial's id is the hash of its resolved config, so
-- re-running a spec finds its finished trials here and skips them.
CREATE TABLE trials (
  pk           BIGINT AUTO_INCREMENT PRIMARY KEY,
  experiment   VARCHAR(64)  NOT NULL,
  trial_id     VARCHAR(12)  NOT NULL,
  sweep_id     BIGINT       NOT NULL REFERENCES sweeps (id),
  idx          INT          NOT NULL,
  variant      VARCHAR(64)  NOT NULL,
  seed         BIGINT       NOT NULL,
  swept_json   CLOB         NOT NULL,
  config_json  CLOB         NOT NULL,
  status       VARCHAR(16)  NOT NULL,   -- PENDING, RUNNING, COMPLETED, FAILED, CANCELLED, TIMED_OUT
  attempts     INT          NOT NULL DEFAULT 0,
  isolation    VARCHAR(16),
  device       VARCHAR(64),
  run_dir      VARCHAR(1024),
  started_at   TIMESTAMP WITH TIME ZONE,
  finished_at  TIMESTAMP WITH TIME ZONE,
  duration_ms  BIGINT,
  error        VARCHAR(4096),
  error_trace  CLOB,
  CONSTRAINT trials_experiment_id UNIQUE (experiment, trial_id)
);
CREATE INDEX trials_status ON trials (experiment, status);
CREATE INDEX trials_sweep ON trials (sweep_id);

CREATE TABLE metric_keys (
  id    INT AUTO_INCREMENT PRIMARY KEY,
  name  VARCHAR(255) NOT NULL UNIQUE
);

-- Written when a trial ends, just before it is marked COMPLETED (after deleting any rows a
-- killed earlier attempt left), so a COMPLETED trial has every metric row exactly once; the
-- primary key makes a repeated (trial, key, step) impossible. No foreign keys: checking them
-- per row halves ingest speed, and rows are only ever written and deleted with their trial.
CREATE TABLE metrics (
  trial_pk   BIGINT  NOT NULL,
  key_id     INT     NOT NULL,
  step       BIGINT  NOT NULL,
  val        DOUBLE PRECISION NOT NULL,
  wall_time  DOUBLE PRECISION NOT NULL,  -- seconds since the trial started
  PRIMARY KEY (trial_pk, key_id, step)
);

CREATE TABLE artifacts (
  trial_pk   BIGINT        NOT NULL REFERENCES trials (pk) ON DELETE CASCADE,
  name       VARCHAR(255)  NOT NULL,
  path       VARCHAR(1024) NOT NULL,
  size_bytes BIGINT        NOT NULL,
  PRIMARY KEY (trial_pk, name)
);
