package dev.rlx.core.store;

/** The durable state of a trial in the results store. */
public enum TrialStatus {
  PENDING,
  RUNNING,
  COMPLETED,
  FAILED,
  CANCELLED,
  TIMED_OUT;

  /** Whether re-running the sweep runs this trial again. */
  public boolean needsRun(boolean rerunFailed) {
    return switch (this) {
      case COMPLETED -> false;
      case FAILED, TIMED_OUT -> rerunFailed;
      default -> true;
    };
  }
}
