package dev.rlx.cli.console;

import dev.rlx.core.exec.SweepProgress;
import dev.rlx.core.mlflow.SyncResult;
import dev.rlx.core.plan.ExperimentPlan;
import dev.rlx.core.store.ResultsStore;
import dev.rlx.core.sweep.SweepConsole;
import dev.rlx.core.sweep.SweepRequest.OnInterrupt;
import java.io.Console;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * A sweep's console on this terminal: a command's output streams, a live progress line where
 * there is a terminal (log lines elsewhere), SIGINT as Ctrl-C, and the question Ctrl-C asks
 * about Slurm job arrays read from the terminal.
 */
public record TerminalConsole(PrintWriter out, PrintWriter err, Reporter reporter) implements SweepConsole {

  /** Writes an experiment's report and prints the claims' verdicts (`rlx report`); whether every claim held. */
  @FunctionalInterface
  public interface Reporter {
    boolean report(ExperimentPlan plan, ResultsStore results, PrintWriter out, Path directory) throws Exception;
  }

  /** A console for following sweeps without a spec at hand, so without claims to report. */
  public TerminalConsole(PrintWriter out, PrintWriter err) {
    this(out, err, (plan, results, o, directory) -> {
      throw new IllegalStateException("no spec, so no claims to report");
    });
  }

  /** {@code --on-interrupt}: ask, cancel or leave; empty (saying why on {@code err}) for anything else. */
  public static Optional<OnInterrupt> onInterrupt(String action, PrintWriter err) {
    if (!List.of("ask", "cancel", "leave").contains(action)) {
      err.println("rlx: --on-interrupt " + action + ": expected ask, cancel or leave");
      return Optional.empty();
    }
    return Optional.of(OnInterrupt.valueOf(action.toUpperCase(Locale.ROOT)));
  }

  @Override
  public SweepProgress progress() {
    return new ProgressPrinter(out, System.console() != null);
  }

  @Override
  public boolean report(ExperimentPlan plan, ResultsStore results, Path directory) throws Exception {
    return reporter.report(plan, results, out, directory);
  }

  @Override
  public void mlflow(SyncResult result, String experiment) {
    MlflowOptions.print(result, experiment, out);
  }

  @Override
  public OnInterrupt ask(List<String> ids) {
    Console console = System.console();
    if (console == null) {
      return OnInterrupt.CANCEL;
    }
    out.println();
    out.flush();
    String answer = console.readLine("Cancel Slurm job array%s %s (c), or leave %s running (l)? [c] ",
        ids.size() == 1 ? "" : "s", String.join(" ", ids), ids.size() == 1 ? "it" : "them");
    return answer != null && answer.strip().toLowerCase(Locale.ROOT).startsWith("l") ? OnInterrupt.LEAVE : OnInterrupt.CANCEL;
  }

  @Override
  public AutoCloseable onInterrupt(BooleanSupplier stop) {
    AtomicInteger interrupts = new AtomicInteger();
    Object previous = SigInt.install(() -> {
      if (interrupts.incrementAndGet() > 1 || !stop.getAsBoolean()) {
        Runtime.getRuntime().halt(ExitCode.INTERRUPTED.code());
      }
    });
    return () -> SigInt.restore(previous);
  }
}
