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
 * account, qos, time, memory, max_parallel, gpu_request, extra_args, setup) and its
 * {@code resources} (cpus, gpus, memory as the worker heap, timeout when {@code executor.time}
 * is absent). The schema has checked the forms; {@link #problems} the rest.
 */
public record SlurmSettings(
    Optional<String> partition,
    Optional<String> account,
    Optional<String> qos,
    Optional<Duration> time,
    int cpus,
    double gpus,
    String gpuRequest,
    Optional<String> memory,
    String heap,
    Optional<Integer> maxParallel,
    List<String> extraArgs,
    List<String> setup) {

  public SlurmSettings {
    extraArgs = List.copyOf(extraArgs);
    setup = List.copyOf(setup);
  }

  /** The settings of a validated spec: its executor block, and its resources where the executor leaves them open. */
  public static SlurmSettings of(ExperimentSpec spec) {
    Executor executor = spec.executor();
    Resources resources = spec.resources();
    Optional<Duration> time = executor.time().or(resources::timeout).map(SweepRunner::parseDuration);
    return new SlurmSettings(executor.partition(), executor.account(), executor.qos(), time,
        (int) Math.ceil(resources.cpus()), resources.gpus(), executor.gpuRequest(), executor.memory(),
        resources.memory().orElse(SweepRunner.DEFAULT_HEAP), executor.maxParallel(), executor.extraArgs(),
        executor.setup());
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

  /** The {@code #SBATCH} options for each task of the array (not the array itself). */
  public List<String> sbatchOptions() {
    List<String> options = new ArrayList<>();
    partition.ifPresent(p -> options.add("--partition=" + p));
    account.ifPresent(a -> options.add("--account=" + a));
    qos.ifPresent(q -> options.add("--qos=" + q));
    time.ifPresent(t -> options.add("--time=" + slurmTime(t)));
    options.add("--cpus-per-task=" + cpus);
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
