-- rlx results store, schema version 4: an array task may run a bundle of trials
-- (executor.trials_per_task), so a task row is keyed by its trial as well, and says whether its
-- task is a bundle (the bundle worker writes each trial's done marker itself).
CREATE TABLE slurm_tasks_v4 (
  job_name     VARCHAR(255)  NOT NULL,
  task_index   INT           NOT NULL,
  experiment   VARCHAR(64)   NOT NULL,
  trial_id     VARCHAR(12)   NOT NULL,
  attempt      INT           NOT NULL,
  retries      INT           NOT NULL,
  run_dir      VARCHAR(1024) NOT NULL,
  ended        BOOLEAN       NOT NULL DEFAULT FALSE,
  bundled      BOOLEAN       NOT NULL DEFAULT FALSE,
  PRIMARY KEY (job_name, task_index, trial_id)
);
INSERT INTO slurm_tasks_v4 (job_name, task_index, experiment, trial_id, attempt, retries, run_dir, ended)
  SELECT job_name, task_index, experiment, trial_id, attempt, retries, run_dir, ended FROM slurm_tasks;
DROP TABLE slurm_tasks;
ALTER TABLE slurm_tasks_v4 RENAME TO slurm_tasks;
CREATE INDEX slurm_tasks_open ON slurm_tasks (experiment, ended);
