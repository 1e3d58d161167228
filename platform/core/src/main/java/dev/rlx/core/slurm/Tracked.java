package dev.rlx.core.slurm;

import dev.rlx.core.exec.SweepProgress;
import dev.rlx.core.store.TrialStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A task of a job array as the executor follows it: its trial, attempt, and what was seen of it when. */
final class Tracked {
  final SlurmJobs.Task task;
  final String jobId;
  int attempt;
  boolean running;
  long runningSinceNanos = -1;
  long finalSeenNanos = -1;
  int requeueRefusals;
  long releaseAtNanos = -1;
  /** A bundled trial whose task is running (it may be waiting for a slot of its bundle). */
  boolean taskRunning;

  Tracked(SlurmJobs.Task task, String jobId) {
    this.task = task;
    this.jobId = jobId;
    this.attempt = task.attempt();
  }

  /** The progress line of a follow: counts of ended, running and waiting trials, and the time left at this rate. */
  static void report(SweepProgress progress, int total, Map<TrialStatus, Integer> ended, List<Tracked> open, long start) {
    int done = ended.getOrDefault(TrialStatus.COMPLETED, 0);
    int failed = ended.getOrDefault(TrialStatus.FAILED, 0) + ended.getOrDefault(TrialStatus.TIMED_OUT, 0)
        + ended.getOrDefault(TrialStatus.CANCELLED, 0);
    int lost = ended.getOrDefault(TrialStatus.PENDING, 0);
    int running = (int) open.stream().filter(t -> t.running || t.taskRunning).count();
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    int finished = done + failed + lost;
    Optional<Duration> eta = finished == 0 ? Optional.empty() : Optional.of(elapsed.multipliedBy(total - finished).dividedBy(finished));
    progress.update(new SweepProgress.Counts(total, done, running, failed, open.size() - running + lost, elapsed, eta));
  }
}
