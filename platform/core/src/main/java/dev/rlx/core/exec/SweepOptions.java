package dev.rlx.core.exec;

import dev.rlx.api.Isolation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How to run a sweep.
 *
 * @param workDir where run directories go ({@code workDir/.rlx/runs/<experiment>/<trial-id>})
 * @param cpuSlots CPU slots in the pool (default: the core count)
 * @param gpus the GPU inventory
 * @param isolation overrides the spec's and the plugins' isolation when present
 * @param allowCpu run trials that ask for GPUs on the CPU when there are none
 * @param rerunFailed run FAILED and TIMED_OUT trials again (the default), or leave them
 * @param fresh forget the experiment's stored trials first and run everything
 * @param retryBackoff wait before the first retry; doubled for each later one
 * @param workerJvmOptions extra JVM options for worker processes
 * @param lease how long a trial this driver claimed stays its own without a renewal; another
 *     driver on the store may take it over after that
 */
public record SweepOptions(
    Path workDir,
    double cpuSlots,
    GpuInventory gpus,
    Optional<Isolation> isolation,
    boolean allowCpu,
    boolean rerunFailed,
    boolean fresh,
    Duration retryBackoff,
    java.util.List<String> workerJvmOptions,
    Duration lease) {

  /** How long a claimed trial stays this driver's without a renewal (renewed every quarter of it). */
  public static final Duration DEFAULT_LEASE = Duration.ofSeconds(60);

  public SweepOptions {
    workerJvmOptions = java.util.List.copyOf(workerJvmOptions);
    if (lease.isNegative() || lease.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("the trial lease must be at least 1 s, got " + lease);
    }
  }

  public SweepOptions(Path workDir, double cpuSlots, GpuInventory gpus, Optional<Isolation> isolation, boolean allowCpu,
      boolean rerunFailed, boolean fresh, Duration retryBackoff, java.util.List<String> workerJvmOptions) {
    this(workDir, cpuSlots, gpus, isolation, allowCpu, rerunFailed, fresh, retryBackoff, workerJvmOptions, DEFAULT_LEASE);
  }
}
