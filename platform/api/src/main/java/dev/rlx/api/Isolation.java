package dev.rlx.api;

/** How a trial is isolated from the sweep driver. */
public enum Isolation {
  /** In the driver's JVM, on a thread: cheapest, for trusted CPU-only plugins. */
  THREAD,
  /** In a worker JVM of its own: a crash, System.exit, OOM or native fault fails that trial alone. */
  PROCESS
}
