package dev.rlx.core.slurm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rlx.api.Isolation;
import dev.rlx.core.exec.BundleWorker;
import dev.rlx.core.exec.ScheduledTrial;
import dev.rlx.core.exec.SweepProgress;
import dev.rlx.core.exec.TrialResult;
import dev.rlx.core.exec.RunDirectory;
import dev.rlx.core.exec.TrialWorker;
import dev.rlx.core.store.ResultsStore;
import dev.rlx.core.store.StoredTrial;
import dev.rlx.core.store.TrialStatus;
import dev.rlx.sweeps.TrialSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Runs trials as Slurm job arrays. {@link #submit} writes each trial's ticket into its run
 * directory, links the run directories as {@code <submission>/<array index>}, and submits one
 * batch script per chunk of the cluster's MaxArraySize; each task runs a detached
 * {@code rlx worker} (the java and classpath of the submitting rlx) in its run directory, with
 * Slurm's stdout/stderr there too. The worker leaves its result as files (result.json,
 * metrics.tsv, written atomically) and the script then writes a {@code done} marker with the
 * exit code; {@link #follow} ingests those into the results store from the driver's one thread,
 * so tasks finishing together never contend for the store, and maps Slurm's final states
 * (from {@code scontrol show job}) onto trial states.
 */
public final class SlurmExecutor {

  /** The marker the batch script writes after the worker exits: "EXIT_CODE JOBID_INDEX". */
  public static final String DONE = BundleWorker.DONE;

  /** How long a task Slurm reports as ended may take to show its done marker (shared file systems lag). */
  static final Duration MARKER_GRACE = Duration.ofSeconds(15);

  /** How long after a requeue the task is released to run (see {@link Slurm#release}). */
  static final Duration RELEASE_AFTER = Duration.ofSeconds(2);

  /** How many polls a requeue Slurm refuses is tried again before the attempt counts as the last. */
  static final int REQUEUE_TRIES = 20;

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final ResultsStore store;
  private final SlurmJobs jobs;
  private final Slurm slurm;
  private final Path workDir;

  public SlurmExecutor(ResultsStore store, SlurmJobs jobs, Slurm slurm, Path workDir) {
    this.store = store;
    this.jobs = jobs;
    this.slurm = slurm;
    this.workDir = workDir;
  }

  /** How following ended: end states of the tasks followed, and whether it was stopped. */
  public record Outcome(Map<TrialStatus, Integer> counts, int followed, boolean stopped) {
    public int count(TrialStatus status) {
      return counts.getOrDefault(status, 0);
    }
  }

  // ---- submission

  /**
   * Submits {@code trials} as job arrays (chunks of the cluster's MaxArraySize); returns the
   * job ids. Trials are bundled {@link TaskBundles#trialsPerTask} to a task, each group of one
   * isolation apart; a task of one trial runs a detached worker, a task of several a
   * {@link BundleWorker}. Each submission is recorded in the store before sbatch runs, so a
   * driver killed in between finds the job again by its name.
   */
  public Submitted submit(String experiment, long sweepId, List<ScheduledTrial> trials, SlurmSettings settings,
      List<String> workerCommand) throws IOException {
    int chunkSize = Math.max(1, slurm.maxArraySize() - 1);
    Map<String, Integer> attempts = new HashMap<>();
    List<Long> durations = new ArrayList<>();
    for (StoredTrial t : store.trials().of(experiment)) {
      attempts.put(t.trialId(), t.attempts());
      if (t.status() == TrialStatus.COMPLETED && t.durationMs() != null) {
        durations.add(t.durationMs());
      }
    }
    Optional<Duration> storedMean = durations.isEmpty() ? Optional.empty()
        : Optional.of(Duration.ofMillis((long) durations.stream().mapToLong(Long::longValue).average().orElse(0)));
    Map<Isolation, List<ScheduledTrial>> byIsolation = new LinkedHashMap<>();
    trials.forEach(t -> byIsolation.computeIfAbsent(t.isolation(), k -> new ArrayList<>()).add(t));
    // Each array: its tasks, each task the trials it runs.
    List<List<List<ScheduledTrial>>> arrays = new ArrayList<>();
    List<Isolation> isolations = new ArrayList<>();
    for (Map.Entry<Isolation, List<ScheduledTrial>> group : byIsolation.entrySet()) {
      int perTask = TaskBundles.trialsPerTask(settings, group.getKey(), storedMean);
      List<List<ScheduledTrial>> tasks = TaskBundles.split(group.getValue(), perTask);
      for (int from = 0; from < tasks.size(); from += chunkSize) {
        arrays.add(tasks.subList(from, Math.min(tasks.size(), from + chunkSize)));
        isolations.add(group.getKey());
      }
    }
    List<String> ids = new ArrayList<>();
    for (int k = 0; k < arrays.size(); k++) {
      List<List<ScheduledTrial>> array = arrays.get(k);
      boolean bundled = array.stream().anyMatch(task -> task.size() > 1);
      String name = "rlx-" + experiment + "-" + sweepId + (arrays.size() > 1 ? "-" + k : "");
      Path dir = workDir.resolve(".rlx").resolve("slurm").resolve(experiment).resolve(name);
      Files.createDirectories(dir);
      List<SlurmJobs.Task> rows = new ArrayList<>();
      for (int i = 0; i < array.size(); i++) {
        Path link = dir.resolve(Integer.toString(i));
        List<Path> runDirs = new ArrayList<>();
        for (ScheduledTrial t : array.get(i)) {
          SlurmScripts.prepare(experiment, t);
          runDirs.add(t.runDir().toAbsolutePath());
          rows.add(new SlurmJobs.Task(name, null, i, experiment, t.spec().id(), attempts.getOrDefault(t.spec().id(), 0) + 1,
              t.retries(), t.runDir().toAbsolutePath(), bundled));
        }
        if (bundled) {
          List<String> trialWorker = new ArrayList<>(workerCommand);
          trialWorker.add(1, "-Xmx" + settings.heap());
          new BundleWorker.Bundle(runDirs, isolations.get(k), settings.slots(), settings.trialTimeout(), trialWorker)
              .write(link);
        } else {
          Files.deleteIfExists(link);
          Files.createSymbolicLink(link, runDirs.get(0));
        }
      }
      int largest = array.stream().mapToInt(List::size).max().orElse(1);
      Path script = dir.resolve("job.sh");
      Path tmp = dir.resolve("job.sh.tmp");
      Files.writeString(tmp, bundled ? SlurmScripts.bundleScript(name, dir, array.size(), largest, settings, workerCommand)
          : SlurmScripts.script(name, dir, array.size(), settings, workerCommand), StandardCharsets.UTF_8);
      Files.move(tmp, script, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      jobs.recordSubmission(name, experiment, sweepId, script, rows);
      String id;
      try {
        id = slurm.submit(script);
      } catch (Slurm.SlurmException e) {
        jobs.forgetSubmission(name);
        throw e;
      }
      jobs.recordJobId(name, id);
      ids.add(id);
    }
    return new Submitted(ids, arrays.stream().mapToInt(List::size).sum(),
        arrays.stream().flatMap(List::stream).mapToInt(List::size).max().orElse(0));
  }

  /** What {@link #submit} submitted: the job ids, how many array tasks, and the most trials one task runs. */
  public record Submitted(List<String> jobIds, int tasks, int largestBundle) {}

  // ---- following

  /** The ids of the jobs with tasks of {@code experiment} not yet ingested. */
  public List<String> activeJobs(String experiment) {
    return jobs.jobIds(experiment);
  }

  /**
   * Follows the unfinished tasks of {@code experiment} until each has ended and is in the
   * store, or until {@code stop} says so (the tasks stay followable: a later call reattaches).
   * {@code once} makes a single pass: ingest what has ended, then return.
   */
  public Outcome follow(String experiment, SweepProgress progress, BooleanSupplier stop, Duration poll, boolean once)
      throws InterruptedException {
    List<Tracked> open = open(experiment);
    Map<String, ScheduledTrial> labels = labels(experiment);
    Map<TrialStatus, Integer> ended = new EnumMap<>(TrialStatus.class);
    int total = open.size();
    long start = System.nanoTime();
    Tracked.report(progress, total, ended, open, start);
    while (!open.isEmpty()) {
      if (stop.getAsBoolean()) {
        return new Outcome(ended, total, true);
      }
      Map<String, Optional<List<Slurm.TaskRecord>>> records = new HashMap<>();
      Set<String> unanswered = new java.util.HashSet<>();
      for (Tracked t : open) {
        if (!records.containsKey(t.jobId) && !unanswered.contains(t.jobId)) {
          try {
            records.put(t.jobId, slurm.tasks(t.jobId));
          } catch (Slurm.SlurmException e) {
            unanswered.add(t.jobId); // a busy or restarting controller: ask again next time
          }
        }
      }
      for (Iterator<Tracked> it = open.iterator(); it.hasNext(); ) {
        Tracked t = it.next();
        if (unanswered.contains(t.jobId)) {
          continue;
        }
        Optional<TrialStatus> end = step(t, records.get(t.jobId), labels, progress);
        if (end.isPresent()) {
          ended.merge(end.get(), 1, Integer::sum);
          it.remove();
          Tracked.report(progress, total, ended, open, start);
        }
      }
      Tracked.report(progress, total, ended, open, start);
      store.restoreIfDeleted().ifPresent(progress::notice);
      if (once || open.isEmpty()) {
        break;
      }
      long until = System.nanoTime() + poll.toNanos();
      while (System.nanoTime() < until && !stop.getAsBoolean()) {
        Thread.sleep(Math.min(50, poll.toMillis()));
      }
    }
    return new Outcome(ended, total, false);
  }

  /** Cancels every unfinished job array of {@code experiment}; returns their ids. */
  public List<String> cancel(String experiment) {
    List<String> ids = jobs.jobIds(experiment);
    slurm.cancel(ids);
    return ids;
  }

  private List<Tracked> open(String experiment) {
    List<Tracked> open = new ArrayList<>();
    Map<String, Optional<String>> found = new HashMap<>();
    for (SlurmJobs.Task task : jobs.unfinished(experiment)) {
      String id = task.jobId();
      if (id == null) {
        // Recorded, but the driver died before sbatch answered: find the job by its name.
        Optional<String> byName = found.computeIfAbsent(task.jobName(), slurm::findByName);
        if (byName.isEmpty()) {
          jobs.markEnded(task); // never reached Slurm: the trial is still PENDING, a re-run submits it
          continue;
        }
        jobs.recordJobId(task.jobName(), byName.get());
        id = byName.get();
      }
      open.add(new Tracked(task, id));
    }
    return open;
  }

  /** One look at a task; the end state once it has ended and been recorded. */
  private Optional<TrialStatus> step(Tracked t, Optional<List<Slurm.TaskRecord>> records, Map<String, ScheduledTrial> labels,
      SweepProgress progress) {
    if (t.task.bundled()) {
      return stepBundled(t, records, labels, progress);
    }
    Path runDir = t.task.runDir();
    if (t.releaseAtNanos > 0 && System.nanoTime() >= t.releaseAtNanos) {
      slurm.release(t.jobId, t.task.index());
      t.releaseAtNanos = -1;
    }
    Integer code = BundleWorker.doneCode(runDir);
    Optional<Slurm.TaskRecord> record = records.flatMap(rs -> rs.stream().filter(r -> r.covers(t.task.index())).findFirst());
    if (code != null && code == 0) {
      return settle(t, TrialWorker.outcome(runDir, code), labels, progress);
    }
    // A failed attempt waits for Slurm's final state (the script may still be exiting): a
    // requeue must not hit a task that is still running.
    if (record.isEmpty()) {
      if (records.isPresent()) {
        return Optional.empty(); // the array is known, this task's record not (yet): look again
      }
      if (code != null) {
        return settle(t, TrialWorker.outcome(runDir, code), labels, progress);
      }
      // Slurm forgot the job (older than MinJobAge) and it left no result: run it again later.
      return end(t, TrialStatus.PENDING, "Slurm no longer knows job " + t.jobId + "_" + t.task.index()
          + " and the task left no result; run the sweep again to resubmit it", null, labels, progress);
    }
    Slurm.TaskRecord r = record.get();
    if (!r.isFinal()) {
      if (r.state().equals("RUNNING") && !t.running) {
        markRunning(t);
      }
      return Optional.empty();
    }
    String where = "Slurm task " + t.jobId + "_" + t.task.index();
    return switch (r.state()) {
      case "COMPLETED", "FAILED" -> {
        if (code != null) {
          yield settle(t, TrialWorker.outcome(runDir, code), labels, progress);
        }
        if (t.finalSeenNanos < 0) {
          t.finalSeenNanos = System.nanoTime();
        }
        if (System.nanoTime() - t.finalSeenNanos < MARKER_GRACE.toNanos()) {
          yield Optional.empty(); // the done marker may still be on its way (shared file system)
        }
        TrialResult failed = TrialWorker.outcome(runDir, r.exitStatus());
        yield settle(t, failed.status() == TrialStatus.COMPLETED ? failed
            : TrialResult.failed(where + " ended " + r.state() + " (exit code " + r.exitCode() + "): " + failed.error(),
                failed.trace()), labels, progress);
      }
      case "TIMEOUT", "DEADLINE" -> end(t, TrialStatus.TIMED_OUT, where + " exceeded its Slurm time limit (" + r.state() + ")",
          SlurmScripts.logTail(runDir), labels, progress);
      case "CANCELLED" -> end(t, TrialStatus.CANCELLED, where + " was cancelled in Slurm (scancel)", null, labels, progress);
      case "OUT_OF_MEMORY" -> settle(t, TrialResult.failed(where + " ran out of memory (OUT_OF_MEMORY); raise executor.memory",
          SlurmScripts.logTail(runDir)), labels, progress);
      default -> requeueOrFail(t, where + " ended " + r.state() + (r.reason().isEmpty() ? "" : " (" + r.reason() + ")"),
          SlurmScripts.logTail(runDir), labels, progress); // PREEMPTED, NODE_FAIL, BOOT_FAIL, …
    };
  }

  /**
   * One look at a trial of a bundled task: its own done marker says how it ended; once the task
   * has ended, a trial without one ended with the task (cancelled, timed out, or the worker died).
   */
  private Optional<TrialStatus> stepBundled(Tracked t, Optional<List<Slurm.TaskRecord>> records,
      Map<String, ScheduledTrial> labels, SweepProgress progress) {
    Path runDir = t.task.runDir();
    Optional<Slurm.TaskRecord> record = records.flatMap(rs -> rs.stream().filter(r -> r.covers(t.task.index())).findFirst());
    if (record.isPresent() && record.get().state().equals("PENDING")) {
      return Optional.empty();
    }
    t.taskRunning = record.isPresent() && !record.get().isFinal();
    Integer code = BundleWorker.doneCode(runDir);
    String where = "Slurm task " + t.jobId + "_" + t.task.index();
    if (code != null) {
      TrialResult result = TrialWorker.outcome(runDir, code);
      if (result.status() == TrialStatus.COMPLETED) {
        return settle(t, result, labels, progress);
      }
      if (code == BundleWorker.TIMED_OUT) {
        return end(t, TrialStatus.TIMED_OUT, result.error(), result.trace(), labels, progress);
      }
      return failBundled(t, result.error(), result.trace(), labels, progress);
    }
    if (record.isEmpty()) {
      if (records.isPresent()) {
        return Optional.empty();
      }
      return end(t, TrialStatus.PENDING, "Slurm no longer knows job " + t.jobId + "_" + t.task.index()
          + " and the trial left no result; run the sweep again to resubmit it", null, labels, progress);
    }
    Slurm.TaskRecord r = record.get();
    if (!r.isFinal()) {
      return Optional.empty();
    }
    return switch (r.state()) {
      case "CANCELLED" -> end(t, TrialStatus.CANCELLED, where + " was cancelled in Slurm (scancel) before this trial finished",
          null, labels, progress);
      case "TIMEOUT", "DEADLINE" -> end(t, TrialStatus.TIMED_OUT, where + " exceeded its Slurm time limit (" + r.state()
          + ") before this trial finished; raise executor.time or lower executor.trials_per_task", null, labels, progress);
      default -> {
        if (t.finalSeenNanos < 0) {
          t.finalSeenNanos = System.nanoTime();
        }
        if (System.nanoTime() - t.finalSeenNanos < MARKER_GRACE.toNanos()) {
          yield Optional.empty(); // the done marker may still be on its way (shared file system)
        }
        yield failBundled(t, where + " ended " + r.state() + " (exit code " + r.exitCode() + ") before this trial finished"
            + (r.state().equals("OUT_OF_MEMORY") ? "; raise executor.memory" : ""), SlurmScripts.logTail(runDir), labels, progress);
      }
    };
  }

  /**
   * A failed attempt of a bundled trial. Its task cannot be requeued for it alone (the others
   * of the bundle are done), so while retries are left it goes back to PENDING, and the next
   * run of the sweep submits it again.
   */
  private Optional<TrialStatus> failBundled(Tracked t, String error, String trace, Map<String, ScheduledTrial> labels,
      SweepProgress progress) {
    if (t.attempt <= t.task.retries()) {
      return end(t, TrialStatus.PENDING, "attempt " + t.attempt + " failed: " + error
          + " (a bundled trial is retried when the sweep runs again)", trace, labels, progress);
    }
    return end(t, TrialStatus.FAILED, error, trace, labels, progress);
  }

  private void markRunning(Tracked t) {
    t.running = true;
    t.runningSinceNanos = System.nanoTime();
    store.trials().markRunning(t.task.experiment(), t.task.trialId(), t.attempt, "slurm",
        "slurm " + t.jobId + "_" + t.task.index(), t.task.runDir().toString());
  }

  private Optional<TrialStatus> settle(Tracked t, TrialResult result, Map<String, ScheduledTrial> labels, SweepProgress progress) {
    if (!t.running) {
      markRunning(t); // it ran while no driver watched: record its attempt and run directory
    }
    if (result.status() == TrialStatus.COMPLETED) {
      store.trials().complete(t.task.experiment(), t.task.trialId(), durationMs(t), result.metrics(), result.artifacts());
      jobs.markEnded(t.task);
      progress.trialEnded(label(t, labels), TrialStatus.COMPLETED, t.attempt, null);
      return Optional.of(TrialStatus.COMPLETED);
    }
    return requeueOrFail(t, result.error(), result.trace(), labels, progress);
  }

  /** A failed attempt: Slurm runs the task again (scontrol requeue) while retries are left. */
  private Optional<TrialStatus> requeueOrFail(Tracked t, String error, String trace, Map<String, ScheduledTrial> labels,
      SweepProgress progress) {
    if (t.attempt <= t.task.retries()) {
      String refused = slurm.requeue(t.jobId, t.task.index());
      if (refused == null) {
        // Held back until released below, so the next attempt cannot race this clean-up.
        try {
          for (String stale : List.of(DONE, RunDirectory.RESULT, RunDirectory.METRICS)) {
            Files.deleteIfExists(t.task.runDir().resolve(stale));
          }
        } catch (IOException e) {
          // the requeued task's script removes its done marker itself
        }
        t.releaseAtNanos = System.nanoTime() + RELEASE_AFTER.toNanos();
        store.trials().finish(t.task.experiment(), t.task.trialId(), TrialStatus.PENDING, durationMs(t),
            "attempt " + t.attempt + " failed: " + error, trace);
        progress.trialEnded(label(t, labels), TrialStatus.PENDING, t.attempt, error);
        t.attempt++;
        jobs.recordAttempt(t.task, t.attempt);
        t.running = false;
        t.finalSeenNanos = -1;
        t.requeueRefusals = 0;
        return Optional.empty();
      }
      if (++t.requeueRefusals < REQUEUE_TRIES) {
        return Optional.empty(); // e.g. still completing on its node: ask again next time
      }
      error = error + " (retry not possible: scontrol requeue said: " + refused + ")";
    }
    return end(t, TrialStatus.FAILED, error, trace, labels, progress);
  }

  private Optional<TrialStatus> end(Tracked t, TrialStatus status, String error, String trace, Map<String, ScheduledTrial> labels,
      SweepProgress progress) {
    if (!t.running && status != TrialStatus.PENDING) {
      markRunning(t);
    }
    store.trials().finish(t.task.experiment(), t.task.trialId(), status, durationMs(t), error, trace);
    jobs.markEnded(t.task);
    progress.trialEnded(label(t, labels), status, t.attempt, error);
    return Optional.of(status);
  }

  private static long durationMs(Tracked t) {
    if (t.task.bundled()) {
      return RunDirectory.durationMs(t.task.runDir()).orElse(0L);
    }
    return t.runningSinceNanos < 0 ? 0 : (System.nanoTime() - t.runningSinceNanos) / 1_000_000;
  }

  private ScheduledTrial label(Tracked t, Map<String, ScheduledTrial> labels) {
    return labels.computeIfAbsent(t.task.trialId(), id -> new ScheduledTrial(
        new TrialSpec(0, id, "", List.of(), 0, MAPPER.createObjectNode()), Isolation.PROCESS, 1, 0, Duration.ZERO,
        t.task.retries(), "", t.task.runDir()));
  }

  /** The trials of {@code experiment} as progress lines name them (index, id, variant, seed). */
  private Map<String, ScheduledTrial> labels(String experiment) {
    Map<String, ScheduledTrial> out = new LinkedHashMap<>();
    for (StoredTrial s : store.trials().of(experiment)) {
      ObjectNode config;
      try {
        config = (ObjectNode) MAPPER.readTree(s.configJson());
      } catch (IOException | ClassCastException e) {
        config = MAPPER.createObjectNode();
      }
      out.put(s.trialId(), new ScheduledTrial(new TrialSpec(s.index(), s.trialId(), s.variant(), List.of(), s.seed(), config),
          Isolation.PROCESS, 1, 0, Duration.ZERO, 0, "", s.runDir() == null ? workDir : Path.of(s.runDir())));
    }
    return out;
  }

  /** Trial ids of the tasks still followed (queued or running in Slurm, or ended but not ingested). */
  public Set<String> inFlight(String experiment) {
    Set<String> ids = new LinkedHashSet<>();
    jobs.unfinished(experiment).forEach(t -> ids.add(t.trialId()));
    return ids;
  }
}
