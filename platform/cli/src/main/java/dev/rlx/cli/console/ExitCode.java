package dev.rlx.cli.console;

import dev.rlx.core.sweep.SweepEnd;

/**
 * How rlx exits; the one place that gives the numbers. A command returns one of these, and
 * {@link RlxCommand} hands its number to the shell.
 */
public enum ExitCode {
  /** Success. */
  OK(0),
  /** A failure while running: I/O, a crashed trial, a bug, or (--check) a claim that does not hold. */
  RUNTIME_FAILURE(1),
  /** Invalid input: a bad spec or bad usage. */
  INVALID_INPUT(2),
  /** A sweep stopped with Ctrl-C, as shells report a SIGINT death. */
  INTERRUPTED(130);

  private final int code;

  ExitCode(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  /** The exit status of a sweep that ended so. */
  public static ExitCode of(SweepEnd end) {
    return switch (end) {
      case SUCCEEDED -> OK;
      case FAILED -> RUNTIME_FAILURE;
      case INVALID -> INVALID_INPUT;
      case INTERRUPTED -> INTERRUPTED;
    };
  }
}
