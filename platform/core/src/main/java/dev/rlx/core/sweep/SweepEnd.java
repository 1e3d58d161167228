package dev.rlx.core.sweep;

/** How a sweep ended, for its exit status. */
public enum SweepEnd {
  /** Every trial run completed (or nothing was to run, a dry run, a detached submission), and with --check every claim held. */
  SUCCEEDED,
  /** A trial failed or timed out, the sweep could not start, or (with --check) a claim did not hold. */
  FAILED,
  /** The spec cannot run on this executor (e.g. fractional GPUs on Slurm). */
  INVALID,
  /** Stopped with Ctrl-C. */
  INTERRUPTED
}
