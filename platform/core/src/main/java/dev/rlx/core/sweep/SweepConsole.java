package dev.rlx.core.sweep;

import dev.rlx.core.exec.SweepOptions;
import dev.rlx.core.exec.SweepProgress;
import dev.rlx.core.exec.SweepRunner;
import dev.rlx.core.mlflow.MlflowMirror;
import dev.rlx.core.mlflow.MlflowSettings;
import dev.rlx.core.mlflow.MlflowTarget;
import dev.rlx.core.mlflow.SyncResult;
import dev.rlx.core.plan.ExperimentPlan;
import dev.rlx.core.store.ResultsStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * What an {@link Executor} needs of the command line: its output streams, the progress
 * display, the claims' verdicts, the MLflow lines, the Ctrl-C handling and the question
 * Ctrl-C asks about Slurm job arrays.
 */
public interface SweepConsole {

  PrintWriter out();

  PrintWriter err();

  /** A progress display for the trials about to run or be followed. */
  SweepProgress progress();

  /** Writes the experiment's report into {@code directory} and prints the claims' verdicts; whether every claim held. */
  boolean report(ExperimentPlan plan, ResultsStore results, Path directory) throws Exception;

  /** Prints where a sweep stands in MLflow. */
  void mlflow(SyncResult result, String experiment);

  /** Asks whether to cancel the job arrays {@code jobIds} or leave them running (without a terminal: cancel). */
  SweepRequest.OnInterrupt ask(List<String> jobIds);

  /**
   * Until closed, the first Ctrl-C calls {@code stop} (which returns false where there is
   * nothing to stop yet) and any later one, or one {@code stop} refused, kills at once.
   */
  AutoCloseable onInterrupt(BooleanSupplier stop);

  /** A mirror of sweeps to {@code server} that warns on {@link #err}. */
  default MlflowMirror mirror(MlflowTarget server, String storeUrl, MlflowSettings settings) {
    return new MlflowMirror(server, storeUrl, settings, warning -> {
      err().println("rlx: mlflow: " + warning);
      err().flush();
    });
  }

  /** What {@code runner} would run of {@code plan}, or empty where it refuses the sweep (saying why on {@link #err}). */
  default Optional<SweepRunner.Preview> preview(SweepRunner runner, ExperimentPlan plan, SweepOptions options) {
    try {
      return Optional.of(runner.preview(plan, options));
    } catch (SweepRunner.SweepRefused e) {
      err().println("rlx: " + e.getMessage());
      return Optional.empty();
    }
  }

  /** The experiment's report directory, as `rlx report` writes it by default. */
  static Path reportDirectory(String experiment) {
    return Path.of(".rlx", "reports", experiment);
  }

  /** Every trial is stored already: says so and reports the claims. */
  default SweepEnd nothingToRun(ExperimentPlan plan, int planned, ResultsStore results, boolean check) throws Exception {
    out().printf("nothing to run: all %d trials are already in the store (`rlx runs %s` lists them)%n", planned, plan.name());
    boolean held = report(plan, results, reportDirectory(plan.name()));
    return check && !held ? SweepEnd.FAILED : SweepEnd.SUCCEEDED;
  }

  /** The sweep ran to its end: reports the claims, lets each mirror send the rest (with the report), and says how it went. */
  default SweepEnd finished(ExperimentPlan plan, ResultsStore results, int failed, boolean check, List<MlflowMirror> mirrors)
      throws Exception {
    Path reportDir = reportDirectory(plan.name());
    boolean held = report(plan, results, reportDir);
    finish(mirrors, Optional.of(reportDir), plan.name());
    return failed > 0 || (check && !held) ? SweepEnd.FAILED : SweepEnd.SUCCEEDED;
  }

  /** Waits (a bounded time) for each mirror to send the rest, and says where the sweeps are in MLflow. */
  default void finish(List<MlflowMirror> mirrors, Optional<Path> reportDir, String experiment) throws InterruptedException {
    for (MlflowMirror m : mirrors) {
      mlflow(m.finish(reportDir), experiment);
    }
  }
}
