package dev.rlx.testkit;

import dev.rlx.api.Param;

/** What the scripted algorithm does; swept by tests to make trials behave in chosen ways. */
public record ScriptedParams(
    @Param(doc = "what the trial does", defaultValue = "complete") Mode mode,
    @Param(doc = "metric rows to log (key 'value', steps 1..n)", defaultValue = "10", min = 0) int metrics,
    @Param(doc = "milliseconds to sleep (sleep) or to compute (cpu)", defaultValue = "0", min = 0) long durationMs,
    @Param(doc = "exit code for mode exit", defaultValue = "7", min = 0, max = 255) int exitCode,
    @Param(doc = "keep sleeping after cancellation", defaultValue = "false") boolean ignoreCancel) {

  /** The behaviours. */
  public enum Mode {
    /** Return at once: nothing logged, nothing written (dispatch benchmarks). */
    NOOP,
    /** Log the metrics and finish. */
    COMPLETE,
    /** Throw an exception. */
    THROW,
    /** Call System.exit. */
    EXIT,
    /** Sleep, then log and finish. */
    SLEEP,
    /** Allocate until the heap is exhausted. */
    HOG,
    /** Fail on the first attempt (a marker in the run directory), succeed on the next. */
    FLAKY,
    /** Burn CPU for duration_ms, then log and finish. */
    CPU,
    /** Log the metrics one by one over duration_ms (a trial watched while it trains), then finish. */
    TRICKLE,
    /** As trickle, then throw: a crashed trial that had logged. */
    TRICKLE_THROW
  }
}
