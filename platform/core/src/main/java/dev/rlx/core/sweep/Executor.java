package dev.rlx.core.sweep;

import dev.rlx.core.plan.ExperimentPlan;

/**
 * Runs what of a planned sweep is still to run: on this machine ({@link LocalSweep}) or as
 * Slurm job arrays ({@code dev.rlx.core.slurm.SlurmSweep}), as the spec's {@code executor.type}
 * (or {@code --executor}) says. Either one resumes: the trials the store has as COMPLETED are
 * not run again, and a re-run picks up what an interrupted one left. It reports on the
 * console, progress included, and stops on the first Ctrl-C ({@link SweepConsole#onInterrupt}).
 */
public interface Executor {

  /** Runs (or submits) the pending trials of {@code plan} as {@code request} says; how the sweep ended. */
  SweepEnd run(ExperimentPlan plan, SweepRequest request, SweepConsole console) throws Exception;
}
