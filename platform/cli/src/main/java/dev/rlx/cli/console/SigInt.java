package dev.rlx.cli.console;

/** Ctrl-C handling for a running sweep, through the JDK's signal API. */
public final class SigInt {

  private SigInt() {}

  /** Installs {@code onInterrupt}; returns the previous handler, for {@link #restore}. */
  static Object install(Runnable onInterrupt) {
    try {
      return sun.misc.Signal.handle(new sun.misc.Signal("INT"), signal -> onInterrupt.run());
    } catch (IllegalArgumentException e) {
      return null; // no SIGINT here
    }
  }

  static void restore(Object previous) {
    if (previous instanceof sun.misc.SignalHandler handler) {
      sun.misc.Signal.handle(new sun.misc.Signal("INT"), handler);
    }
  }
}
