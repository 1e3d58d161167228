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
    java.util.List<String> workerJvmOptions) {

  public SweepOptions {
    workerJvmOptions = java.util.List.copyOf(workerJvmOptions);
  }
}
