package dev.rlx.core.exec;

import java.util.function.Consumer;

/** Starts one attempt of a trial somewhere (a thread, a worker process). */
interface TrialLauncher {

  /** Starts the trial; {@code done} receives its result exactly once, from any thread. */
  Running launch(TrialTicket ticket, LaunchOptions options, Consumer<TrialResult> done);

  /** A started attempt. */
  interface Running {
    /** Asks the trial to stop (cancellation flag, then termination); returns at once. */
    void cancel();
  }

  /** Per-trial settings for a launch. */
  record LaunchOptions(String javaHeap, java.util.List<Integer> visibleGpus) {}
}
