package dev.rlx.core.sweep;

import dev.rlx.api.Isolation;
import dev.rlx.core.mlflow.MlflowSettings;
import dev.rlx.core.mlflow.MlflowTarget;
import dev.rlx.core.store.Provenance;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What {@code rlx sweep} was asked, as its options say; each {@link Executor} takes what
 * applies to it (the local one the CPU slots, GPUs and isolation; Slurm's --detach and
 * --on-interrupt).
 *
 * @param workDir where run directories go ({@code workDir/.rlx/runs/<experiment>/<trial-id>})
 * @param storeUrl the results store's JDBC URL
 * @param storeOption {@code --store} as given, if it was, for the commands the sweep suggests
 * @param jobs CPU slots (default: the core count)
 * @param gpus the GPUs to use, as {@code --gpus} lists them (default: detected)
 * @param isolation overrides the spec's and the plugins' isolation when present
 * @param allowCpu run trials that ask for GPUs on the CPU when there are none
 * @param rerunFailed run FAILED and TIMED_OUT trials again, or leave them
 * @param fresh forget the experiment's stored trials first and run everything
 * @param dryRun print what would run, run nothing
 * @param check a claim that does not hold fails the sweep
 * @param retryBackoff wait before the first retry; doubled for each later one
 * @param detach Slurm: submit and return without following
 * @param onInterrupt Slurm: what Ctrl-C does to the job arrays
 * @param mlflow the MLflow server to mirror to, if any
 * @param mlflowSettings how the mirror talks to it
 * @param noMlflow mirror nothing, not even a followed sweep recorded for MLflow
 * @param provenance where and with what the sweep runs
 */
public record SweepRequest(
    Path workDir,
    String storeUrl,
    Optional<String> storeOption,
    OptionalInt jobs,
    Optional<String> gpus,
    Optional<Isolation> isolation,
    boolean allowCpu,
    boolean rerunFailed,
    boolean fresh,
    boolean dryRun,
    boolean check,
    Duration retryBackoff,
    boolean detach,
    OnInterrupt onInterrupt,
    Optional<MlflowTarget> mlflow,
    MlflowSettings mlflowSettings,
    boolean noMlflow,
    Provenance provenance) {

  /** What Ctrl-C does to a sweep's Slurm job arrays: ask (on a terminal), cancel them or leave them running. */
  public enum OnInterrupt { ASK, CANCEL, LEAVE }
}
