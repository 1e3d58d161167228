package dev.rlx.core.slurm;

import dev.rlx.core.exec.SweepRunner;
import dev.rlx.core.model.ExperimentSpec;
import dev.rlx.core.model.ExperimentSpec.Executor;
import dev.rlx.core.model.ExperimentSpec.Resources;
import dev.rlx.core.spec.Problem;
import dev.rlx.core.spec.SpecPath;
import dev.rlx.core.spec.YamlDocument;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What each array task asks Slurm for, from the spec's {@code executor} block (partition,
 * account, qos, time, memory, max_parallel, gpu_request, extra_args, setup, and the bundling
 * keys trials_per_task, task_length, cpus_per_task) and its {@code resources}
 * (cpus, gpus, memory as the worker heap, timeout when {@code executor.time} is absent). The
 * schema has checked the forms; {@link #problems} the rest.
 *
 * @param taskTime {@code executor.time}: each task's Slurm time limit, when written
 * @param trialTimeout {@code resources.timeout}: each trial's limit
 * @param cpus CPUs one trial takes ({@code resources.cpus})
 * @param trialsPerTask trials per array task; empty is {@code auto}
 * @param taskLength what {@code auto} aims a task's length at
 * @param cpusPerTask CPUs each task asks for; empty: one trial's
 */
public record SlurmSettings(
    Optional<String> partition,
    Optional<String> account,
    Optional<String> qos,
    Optional<Duration> taskTime,
    Optional<Duration> trialTimeout,
    double cpus,
    double gpus,
    String gpuRequest,
    Optional<String> memory,
    String heap,
    Optional<Integer> maxParallel,
    List<String> extraArgs,
    List<String> setup,
    Optional<Integer> trialsPerTask,
    Duration taskLength,
    Optional<Integer> cpusPerTask) {

  /** What {@code trials_per_task: auto} aims a task's length at when {@code task_length} is absent. */
  public static final Duration DEFAULT_TASK_LENGTH = Duration.ofMinutes(10);

  public SlurmSettings {
    extraArgs = List.copyOf(extraArgs);
    setup = List.copyOf(setup);
  }

  /** The settings of a validated spec: its executor block, and its resources where the executor leaves them open. */
  public static SlurmSettings of(ExperimentSpec spec) {
    Executor executor = spec.executor();
    Resources resources = spec.resources();
    return new SlurmSettings(executor.partition(), executor.account(), executor.qos(),
        executor.time().map(SweepRunner::parseDuration), resources.timeout().map(SweepRunner::parseDuration),
        resources.cpus(), resources.gpus(), executor.gpuRequest(), executor.memory(),
        resources.memory().orElse(SweepRunner.DEFAULT_HEAP), executor.maxParallel(), executor.extraArgs(),
        executor.setup(), executor.trialsPerTask(), executor.taskLength().map(SweepRunner::parseDuration).orElse(DEFAULT_TASK_LENGTH),
        executor.cpusPerTask());
  }

  /** CPUs each array task asks for: {@code cpus_per_task}, else one trial's. */
  public int taskCpus() {
    return cpusPerTask.orElse((int) Math.ceil(cpus));
  }

  /**
   * How many trials of a bundle run at once: as many as the task's CPUs hold, one at a time
   * when they need GPUs (a task's GPUs go to each of its trials in turn).
   */
  public int slots() {
    return gpus > 0 ? 1 : Math.max(1, (int) Math.floor(taskCpus() / Math.max(cpus, 1e-9) + 1e-9));
  }

  /**
   * What Slurm cannot honour in the spec, each located like the spec's other problems
   * (file:line:col, dotted path, what is expected, what was found).
   */
  public List<Problem> problems(YamlDocument document) {
    List<Problem> problems = new ArrayList<>();
    if (gpus > 0 && gpus != Math.rint(gpus)) {
      SpecPath path = SpecPath.ofDotted("resources.gpus");
      problems.add(new Problem(document.file(), document.sources().valueAt(path), path.display(),
          "Slurm allocates whole GPUs, so a fraction cannot run with executor type slurm",
          "a whole number of GPUs per trial (1, 2, …)", Double.toString(gpus),
          "use --executor local to pack trials onto shared GPUs"));
    }
    return problems;
  }

  /** The {@code #SBATCH} options for each task of an array of one trial per task (not the array itself). */
  public List<String> sbatchOptions() {
    return sbatchOptions(1);
  }

  /**
   * The {@code #SBATCH} options for each task of an array whose tasks run {@code bundleSize}
   * trials: the time limit is {@code executor.time} when written, else what the bundle's trials
   * may take at their {@code resources.timeout}, {@link #slots} at a time.
   */
  public List<String> sbatchOptions(int bundleSize) {
    List<String> options = new ArrayList<>();
    partition.ifPresent(p -> options.add("--partition=" + p));
    account.ifPresent(a -> options.add("--account=" + a));
    qos.ifPresent(q -> options.add("--qos=" + q));
    int rounds = (bundleSize + slots() - 1) / slots();
    // A bundle's worker JVM starts once, then each trial: a minute on top covers the start.
    taskTime.or(() -> trialTimeout.map(t -> bundleSize == 1 ? t : t.multipliedBy(rounds).plusMinutes(1)))
        .ifPresent(t -> options.add("--time=" + slurmTime(t)));
    options.add("--cpus-per-task=" + taskCpus());
    memory.ifPresent(m -> options.add("--mem=" + m));
    if (gpus > 0) {
      int n = (int) Math.round(gpus);
      options.add(gpuRequest.equals("gpus") ? "--gpus=" + n : "--gres=gpu:" + n);
    }
    options.addAll(extraArgs);
    return options;
  }

  /** Slurm's D-HH:MM:SS, rounded up to whole minutes (Slurm's granularity). */
  static String slurmTime(Duration d) {
    long minutes = Math.max(1, (d.toSeconds() + 59) / 60);
    return String.format("%d-%02d:%02d:00", minutes / 1440, (minutes % 1440) / 60, minutes % 60);
  }
}
