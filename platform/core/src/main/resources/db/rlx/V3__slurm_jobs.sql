-- rlx results store, schema version 3: the Slurm job arrays a sweep submitted, so that a
-- restarted driver (or `rlx status`) reattaches to them instead of submitting again.
-- (Version 2 is the MLflow mirror's; the two are independent.)

-- One row per submitted job array. job_id is NULL between the row's insert and sbatch's
-- answer: a driver killed in that window leaves the job name, by which it is found again.
CREATE TABLE slurm_jobs (
  job_name     VARCHAR(255)  PRIMARY KEY,
  job_id       VARCHAR(32),
  experiment   VARCHAR(64)   NOT NULL,
  sweep_id     BIGINT        NOT NULL,
  script       VARCHAR(1024) NOT NULL,
  submitted_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- One row per array task: which trial (and attempt) it runs. ended is set once the task's
-- outcome is in the trials table; unfinished rows are what a driver follows.
CREATE TABLE slurm_tasks (
  job_name     VARCHAR(255)  NOT NULL,
  task_index   INT           NOT NULL,
  experiment   VARCHAR(64)   NOT NULL,
  trial_id     VARCHAR(12)   NOT NULL,
  attempt      INT           NOT NULL,
  retries      INT           NOT NULL,
  run_dir      VARCHAR(1024) NOT NULL,
  ended        BOOLEAN       NOT NULL DEFAULT FALSE,
  PRIMARY KEY (job_name, task_index)
);
CREATE INDEX slurm_tasks_open ON slurm_tasks (experiment, ended);
