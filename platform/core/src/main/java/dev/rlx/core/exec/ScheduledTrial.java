package dev.rlx.core.exec;

import dev.rlx.api.Isolation;
import dev.rlx.sweeps.TrialSpec;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A trial as the scheduler sees it: what to run and what it needs.
 *
 * @param spec the planned trial
 * @param isolation thread or process
 * @param cpus CPU slots it occupies
 * @param gpus GPUs it needs (a share below 1, whole GPUs from 1)
 * @param timeout wall-clock limit per attempt
 * @param retries attempts after a failed one
 * @param heap the worker's maximum heap, e.g. "1g" (process isolation)
 * @param runDir its run directory
 */
public record ScheduledTrial(
    TrialSpec spec, Isolation isolation, double cpus, double gpus, Duration timeout, int retries, String heap, Path runDir) {}
