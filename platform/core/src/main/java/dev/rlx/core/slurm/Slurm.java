package dev.rlx.core.slurm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The Slurm commands rlx uses, run as processes: {@code sbatch}, {@code scontrol},
 * {@code squeue}, {@code scancel}. Final task states come from {@code scontrol show job},
 * which keeps finished jobs for the cluster's MinJobAge; no accounting (sacct) is needed.
 */
public final class Slurm {

  /** A Slurm command that failed, with what it printed. */
  public static final class SlurmException extends RuntimeException {
    public SlurmException(String message) {
      super(message);
    }
  }

  /**
   * One task record of an array job. Tasks still pending share one record whose
   * {@code ArrayTaskId} is a range ("2-5%2"); {@link #covers} tells whether it holds an index.
   */
  public record TaskRecord(String jobId, String taskIds, String state, String exitCode, String reason) {

    public boolean covers(int index) {
      return SlurmArrays.contains(taskIds, index);
    }

    /** Whether the task has ended (Slurm will not run it again unless requeued). */
    public boolean isFinal() {
      return !List.of("PENDING", "RUNNING", "CONFIGURING", "COMPLETING", "SUSPENDED", "REQUEUED", "REQUEUE_HOLD",
          "REQUEUE_FED", "RESIZING", "SIGNALING", "STAGE_OUT", "STOPPED", "RESV_DEL_HOLD", "SPECIAL_EXIT").contains(state);
    }

    /** The exit status of the batch script ("3:0" → 3; "0:15", killed by signal 15 → 128+15). */
    public int exitStatus() {
      String[] parts = exitCode.split(":");
      try {
        int code = Integer.parseInt(parts[0]);
        int signal = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
        return signal > 0 ? 128 + signal : code;
      } catch (NumberFormatException e) {
        return -1;
      }
    }
  }

  private static final long TIMEOUT_SECONDS = 60;

  private final Path workDir;

  public Slurm(Path workDir) {
    this.workDir = workDir;
  }

  /** Whether {@code sbatch} is on the PATH. */
  public static boolean available() {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (java.nio.file.Files.isExecutable(Path.of(dir, "sbatch"))) {
        return true;
      }
    }
    return false;
  }

  /** Submits a batch script; returns the job id sbatch gives it. */
  public String submit(Path script) {
    Result r;
    try {
      r = run(List.of("sbatch", "--parsable", script.toString()));
    } catch (SlurmException e) {
      throw new SlurmException(e.getMessage() + "; sbatch keeps retrying while the controller is unreachable or the cluster"
          + " holds MaxJobCount jobs (`scontrol show config | grep MaxJobCount`, `squeue -h -t all -r | wc -l`):"
          + " wait for jobs to age out, or submit fewer tasks (a larger executor.trials_per_task)");
    }
    if (r.code != 0) {
      String says = r.err.strip();
      String advice = advice(says);
      throw new SlurmException("sbatch refused " + script + ": " + says + (advice.isEmpty() ? "" : "; " + advice));
    }
    String id = r.out.strip();
    int semicolon = id.indexOf(';'); // "123;cluster" on multi-cluster setups
    return semicolon >= 0 ? id.substring(0, semicolon) : id;
  }

  /**
   * What to change in the spec for a refusal sbatch printed ({@code says}, Slurm's own words,
   * shown before this); empty when rlx has nothing to add.
   */
  static String advice(String says) {
    String s = says.toLowerCase(java.util.Locale.ROOT);
    if (s.contains("unable to contact slurm controller")) {
      return "the Slurm controller does not answer: check `scontrol ping`, or run on the cluster's login node";
    }
    if (s.contains("invalid partition")) {
      return "set executor.partition to one that `sinfo -s` lists";
    }
    if (s.contains("invalid account")) {
      return "set executor.account to one of yours (`sacctmgr show assoc user=$USER format=account`)";
    }
    if (s.contains("invalid qos")) {
      return "set executor.qos to one your account may use (`sacctmgr show assoc user=$USER format=qos`)";
    }
    if (s.contains("submit limit") || s.contains("maxsubmit") || s.contains("job violates accounting/qos policy")) {
      return "the cluster limits how many jobs you may have queued: raise executor.trials_per_task so the sweep needs"
          + " fewer tasks, or wait for your other jobs";
    }
    if (s.contains("time limit")) {
      return "lower executor.time (or resources.timeout, or executor.trials_per_task) below the partition's MaxTime"
          + " (`sinfo -o '%P %l'`)";
    }
    if (s.contains("gres") || s.contains("generic resource")) {
      return "check resources.gpus and executor.gpu_request against the partition's GPUs (`sinfo -o '%P %G'`)";
    }
    if (s.contains("memory") || s.contains("node configuration is not available")) {
      return "lower executor.memory or executor.cpus_per_task (resources.cpus) to what a node of the partition has"
          + " (`sinfo -o '%P %c %m'`)";
    }
    if (s.contains("array size") || s.contains("invalid job array")) {
      return "the cluster's MaxArraySize is below the array rlx asked for: report this, rlx chunks arrays by MaxArraySize";
    }
    return "";
  }

  /** The cluster's MaxArraySize: array indices must stay below it. */
  public int maxArraySize() {
    Result r = run(List.of("scontrol", "show", "config"));
    if (r.code == 0) {
      for (String line : r.out.split("\n")) {
        String[] kv = line.split("=", 2);
        if (kv.length == 2 && kv[0].strip().equals("MaxArraySize")) {
          try {
            return Integer.parseInt(kv[1].strip());
          } catch (NumberFormatException e) {
            break;
          }
        }
      }
    }
    return 1001; // Slurm's default
  }

  /**
   * The task records of an array job, or empty when Slurm no longer knows the job (it ended
   * longer than MinJobAge ago, or the controller lost it).
   */
  public Optional<List<TaskRecord>> tasks(String jobId) {
    Result r = run(List.of("scontrol", "show", "job", "-o", jobId));
    if (r.code != 0) {
      if (r.err.contains("Invalid job id")) {
        return accounted(jobId); // older than MinJobAge: only accounting (sacct) still knows it
      }
      throw new SlurmException("scontrol show job " + jobId + " failed: " + r.err.strip());
    }
    List<TaskRecord> records = new ArrayList<>();
    for (String line : r.out.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      Map<String, String> f = fields(line);
      records.add(new TaskRecord(f.getOrDefault("JobId", ""), f.getOrDefault("ArrayTaskId", ""),
          f.getOrDefault("JobState", "UNKNOWN"), f.getOrDefault("ExitCode", "0:0"), f.getOrDefault("Reason", "")));
    }
    return Optional.of(records);
  }

  /** The task records of a job from Slurm's accounting (sacct), where the cluster has it. */
  private Optional<List<TaskRecord>> accounted(String jobId) {
    Result r;
    try {
      r = run(List.of("sacct", "-j", jobId, "-X", "-P", "-n", "-o", "JobID,State,ExitCode"));
    } catch (SlurmException e) {
      return Optional.empty(); // no sacct here
    }
    if (r.code != 0 || r.out.isBlank()) {
      return Optional.empty(); // "Slurm accounting storage is disabled", or no record
    }
    return Optional.of(parseSacct(r.out));
  }

  /** sacct -X -P lines: "7_3|COMPLETED|0:0", "9_[1-3%1]|CANCELLED by 0|0:0". */
  static List<TaskRecord> parseSacct(String out) {
    List<TaskRecord> records = new ArrayList<>();
    for (String line : out.split("\n")) {
      String[] f = line.strip().split("\\|");
      if (f.length < 3) {
        continue;
      }
      int underscore = f[0].indexOf('_');
      String job = underscore >= 0 ? f[0].substring(0, underscore) : f[0];
      String tasks = underscore >= 0 ? f[0].substring(underscore + 1).replace("[", "").replace("]", "") : "";
      records.add(new TaskRecord(job, tasks, f[1].split(" ")[0], f[2], ""));
    }
    return records;
  }

  /** The id of the array job named {@code name}, if Slurm knows one. */
  public Optional<String> findByName(String name) {
    Result r = run(List.of("squeue", "-h", "-t", "all", "--name=" + name, "-o", "%F"));
    if (r.code != 0) {
      throw new SlurmException("squeue --name=" + name + " failed: " + r.err.strip());
    }
    return r.out.lines().map(String::strip).filter(s -> !s.isEmpty()).findFirst();
  }

  /**
   * Requeues one finished array task (it runs again, same script and index); null when done,
   * else why Slurm refused (e.g. the task is still completing: try again shortly).
   */
  public String requeue(String jobId, int index) {
    Result r = run(List.of("scontrol", "requeue", jobId + "_" + index));
    return r.code == 0 ? null : r.err.strip();
  }

  /**
   * Lets a requeued task start now: Slurm holds a requeued batch job back (BeginTime) about
   * two minutes. Call it a second or two after the requeue, not at once: a relaunch within the
   * second of the requeue is refused by the node ("Job credential revoked") and fails.
   */
  public void release(String jobId, int index) {
    run(List.of("scontrol", "update", "jobid=" + jobId + "_" + index, "StartTime=now"));
  }

  /** Cancels whole array jobs. */
  public void cancel(List<String> jobIds) {
    if (jobIds.isEmpty()) {
      return;
    }
    List<String> command = new ArrayList<>(List.of("scancel"));
    command.addAll(jobIds);
    Result r = run(command);
    if (r.code != 0) {
      throw new SlurmException("scancel " + String.join(" ", jobIds) + " failed: " + r.err.strip());
    }
  }

  static Map<String, String> fields(String line) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String token : line.strip().split("\\s+")) {
      int eq = token.indexOf('=');
      if (eq > 0) {
        out.putIfAbsent(token.substring(0, eq), token.substring(eq + 1));
      }
    }
    return out;
  }

  private record Result(int code, String out, String err) {}

  private Result run(List<String> command) {
    try {
      Process p = new ProcessBuilder(command).directory(workDir.toFile()).start();
      p.getOutputStream().close();
      // Outputs are small (one line per task record); read both after exit is safe below 64 KiB
      // only, so drain them concurrently.
      var out = java.util.concurrent.CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
      var err = java.util.concurrent.CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new SlurmException(String.join(" ", command) + " did not answer within " + TIMEOUT_SECONDS + " s");
      }
      return new Result(p.exitValue(), out.join(), err.join());
    } catch (IOException e) {
      throw new SlurmException("cannot run " + command.get(0) + " (is Slurm installed and on the PATH?): " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SlurmException(String.join(" ", command) + " was interrupted");
    }
  }

  private static String read(java.io.InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }
}
