package dev.rlx.core.slurm;

import dev.rlx.core.store.StoreConnection;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The job arrays a sweep submitted and the trial each task runs (tables {@code slurm_jobs}
 * and {@code slurm_tasks}, migration V3), on a connection of its own to the results store.
 * Every write commits at once: a submission is on disk before sbatch is asked.
 */
public final class SlurmJobs implements AutoCloseable {

  /**
   * One trial of an array task: the trial, and where it runs. A bundled task (one running
   * several trials, {@code executor.trials_per_task}) has a row per trial, all with its index.
   */
  public record Task(String jobName, String jobId, int index, String experiment, String trialId, int attempt, int retries,
      Path runDir, boolean bundled) {}

  private final StoreConnection store;

  private SlurmJobs(StoreConnection store) {
    this.store = store;
  }

  /**
   * Opens the Slurm tables of the store at {@code url} (the store must be open: it migrates).
   * The connection is replaced if the database is shut down under it: the driver does that when
   * it writes back a store file deleted mid-sweep.
   */
  public static SlurmJobs open(String url) {
    return new SlurmJobs(StoreConnection.open(url));
  }

  /** Records a submission about to be made: the job (no id yet) and its tasks, in one transaction. */
  public void recordSubmission(String jobName, String experiment, long sweepId, Path script, List<Task> tasks) {
    store.inTransaction("record the Slurm submission " + jobName, () -> {
      try (PreparedStatement job = store.jdbc().prepareStatement(
          "INSERT INTO slurm_jobs (job_name, experiment, sweep_id, script, submitted_at) VALUES (?, ?, ?, ?, ?)");
          PreparedStatement task = store.jdbc().prepareStatement("INSERT INTO slurm_tasks"
              + " (job_name, task_index, experiment, trial_id, attempt, retries, run_dir, bundled) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
        job.setString(1, jobName);
        job.setString(2, experiment);
        job.setLong(3, sweepId);
        job.setString(4, script.toString());
        job.setObject(5, OffsetDateTime.now(ZoneOffset.UTC));
        job.executeUpdate();
        for (Task t : tasks) {
          task.setString(1, jobName);
          task.setInt(2, t.index());
          task.setString(3, experiment);
          task.setString(4, t.trialId());
          task.setInt(5, t.attempt());
          task.setInt(6, t.retries());
          task.setString(7, t.runDir().toString());
          task.setBoolean(8, t.bundled());
          task.addBatch();
        }
        task.executeBatch();
      }
    });
  }

  /** Records the id sbatch gave a submitted job. */
  public void recordJobId(String jobName, String jobId) {
    update("write the Slurm jobs table", "UPDATE slurm_jobs SET job_id = ? WHERE job_name = ?", jobId, jobName);
  }

  /** Forgets a submission sbatch refused (or that never reached Slurm). */
  public void forgetSubmission(String jobName) {
    update("write the Slurm jobs table", "DELETE FROM slurm_tasks WHERE job_name = ?", jobName);
    update("write the Slurm jobs table", "DELETE FROM slurm_jobs WHERE job_name = ?", jobName);
  }

  /** The tasks of {@code experiment} whose outcome is not yet in the trials table. */
  public List<Task> unfinished(String experiment) {
    List<Task> out = new ArrayList<>();
    store.query("read the Slurm tasks of " + experiment, "SELECT t.job_name, j.job_id, t.task_index, t.experiment, t.trial_id,"
        + " t.attempt, t.retries, t.run_dir, t.bundled FROM slurm_tasks t JOIN slurm_jobs j ON j.job_name = t.job_name"
        + " WHERE t.experiment = ? AND NOT t.ended ORDER BY j.submitted_at, t.task_index, t.trial_id", s -> s.setString(1, experiment),
        rs -> out.add(new Task(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4), rs.getString(5), rs.getInt(6),
            rs.getInt(7), Path.of(rs.getString(8)), rs.getBoolean(9))));
    return out;
  }

  /** The experiments with unfinished tasks, and the ids of their jobs (for `rlx status`). */
  public List<String> jobIds(String experiment) {
    List<String> out = new ArrayList<>();
    store.query("read the Slurm jobs of " + experiment, "SELECT DISTINCT j.job_id, j.submitted_at FROM slurm_jobs j"
        + " JOIN slurm_tasks t ON t.job_name = j.job_name WHERE t.experiment = ? AND NOT t.ended AND j.job_id IS NOT NULL"
        + " ORDER BY j.submitted_at", s -> s.setString(1, experiment), rs -> out.add(rs.getString(1)));
    return out;
  }

  /** The sweeps whose submissions still have unfinished tasks of {@code experiment}. */
  public List<Long> sweepIds(String experiment) {
    List<Long> out = new ArrayList<>();
    store.query("read the Slurm jobs of " + experiment, "SELECT DISTINCT j.sweep_id FROM slurm_jobs j"
        + " JOIN slurm_tasks t ON t.job_name = j.job_name WHERE t.experiment = ? AND NOT t.ended ORDER BY j.sweep_id",
        s -> s.setString(1, experiment), rs -> out.add(rs.getLong(1)));
    return out;
  }

  public void markEnded(Task task) {
    store.update("record the end of Slurm task " + task.jobName() + "/" + task.index(),
        "UPDATE slurm_tasks SET ended = TRUE WHERE job_name = ? AND task_index = ? AND trial_id = ?", s -> {
          s.setString(1, task.jobName());
          s.setInt(2, task.index());
          s.setString(3, task.trialId());
        });
  }

  public void recordAttempt(Task task, int attempt) {
    store.update("record a requeue of Slurm task " + task.jobName() + "/" + task.index(),
        "UPDATE slurm_tasks SET attempt = ? WHERE job_name = ? AND task_index = ? AND trial_id = ?", s -> {
          s.setInt(1, attempt);
          s.setString(2, task.jobName());
          s.setInt(3, task.index());
          s.setString(4, task.trialId());
        });
  }

  private void update(String what, String sql, String... values) {
    store.update(what, sql, s -> {
      for (int i = 0; i < values.length; i++) {
        s.setString(i + 1, values[i]);
      }
    });
  }

  @Override
  public void close() {
    store.close();
  }
}
