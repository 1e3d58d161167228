package dev.rlx.cli.mlflow;

import dev.rlx.cli.console.CommandGroup;
import dev.rlx.cli.console.ExitCode;
import dev.rlx.cli.console.MlflowOptions;
import dev.rlx.cli.console.StoreSubcommand;
import dev.rlx.core.mlflow.MlflowSync;
import dev.rlx.core.mlflow.MlflowTarget;
import dev.rlx.core.mlflow.SyncResult;
import dev.rlx.core.store.ResultsStore;
import dev.rlx.core.store.SweepRecord;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(
    name = "mlflow",
    header = "Send sweeps to MLflow that it missed; show where a sweep is in MLflow.",
    description = {
        "",
        "`rlx sweep` mirrors to MLflow as it runs (--mlflow-uri or $MLFLOW_TRACKING_URI). What",
        "the server did not get (down, slow, failing) stays in the results store, marked",
        "unsynced; `rlx mlflow sync` sends exactly that, never twice.",
        "",
        "Examples:",
        "  rlx mlflow sync                 every sweep not fully in MLflow",
        "  rlx mlflow sync 12              one sweep",
        "  rlx mlflow sync 12 --mlflow-uri http://127.0.0.1:5000",
        "  rlx mlflow url 12               the sweep's parent run in the MLflow UI",
        ""},
    subcommands = {MlflowCommand.Sync.class, MlflowCommand.Url.class})
public final class MlflowCommand extends CommandGroup {

  /** A sweep id, or an experiment name for its latest sweep. */
  static Optional<SweepRecord> sweep(ResultsStore results, String target, PrintWriter err) {
    Optional<SweepRecord> sweep = target.matches("\\d+") ? results.sweeps().find(Long.parseLong(target))
        : results.sweeps().recent(Optional.of(target), 1).stream().findFirst();
    if (sweep.isEmpty()) {
      err.println("rlx: no sweep " + (target.matches("\\d+") ? target : "of '" + target + "'") + " in " + results.url()
          + " (`rlx status` lists the sweeps)");
    }
    return sweep;
  }

  @Command(
      name = "sync",
      header = "Send what MLflow lacks of a sweep (or of every unsynced one).",
      description = {
          "",
          "Replays from the results store what the MLflow mirror could not send: runs, params,",
          "tags, metrics from where they stopped, artifacts and statuses. What already arrived is",
          "not sent again. The server is --mlflow-uri, else $MLFLOW_TRACKING_URI, else the one the",
          "sweep was mirrored to. Credentials: $MLFLOW_TRACKING_USERNAME and",
          "$MLFLOW_TRACKING_PASSWORD, or $MLFLOW_TRACKING_TOKEN (never printed or stored).",
          "",
          "Examples:",
          "  rlx mlflow sync",
          "  rlx mlflow sync 12",
          "  rlx mlflow sync gae-lambda      its latest sweep",
          "  rlx mlflow sync 3 --mlflow-uri http://127.0.0.1:5000",
          ""},
      exitCodeList = {"0:everything is in MLflow", "1:something could not be sent (kept in the store)",
          "2:no such sweep, or no MLflow server given"})
  static final class Sync extends StoreSubcommand {

    @Parameters(arity = "0..1", paramLabel = "SWEEP", description = "A sweep id, or an experiment name (its latest sweep).")
    String target;

    @Mixin
    MlflowOptions mlflow;


    @Override
    public ExitCode call() throws InterruptedException {
      PrintWriter out = out();
      PrintWriter err = err();
      try (ResultsStore results = ResultsStore.open(store.resolve())) {
        results.sweeps().closeAbandoned(); // a killed driver's sweep is over: its runs close KILLED below
        List<Long> sweeps;
        if (target != null) {
          Optional<SweepRecord> sweep = sweep(results, target, err);
          if (sweep.isEmpty()) {
            return ExitCode.INVALID_INPUT;
          }
          sweeps = List.of(sweep.get().id());
        } else {
          sweeps = MlflowSync.unsyncedSweeps(results.url());
          if (sweeps.isEmpty()) {
            out.println("every sweep mirrored to MLflow is fully there");
            return ExitCode.OK;
          }
        }
        boolean all = true;
        for (long id : sweeps) {
          MlflowSync.Recorded recorded = MlflowSync.recorded(results.url(), id).orElseThrow();
          Optional<MlflowTarget> server;
          try {
            server = mlflow.target(recorded.trackingUri());
          } catch (IllegalArgumentException e) {
            err.println("rlx: " + e.getMessage());
            return ExitCode.INVALID_INPUT;
          }
          if (server.isEmpty()) {
            err.println("rlx: no MLflow server for sweep " + id + ": pass --mlflow-uri URI or set " + MlflowTarget.URI_ENV);
            return ExitCode.INVALID_INPUT;
          }
          SyncResult r;
          try {
            r = MlflowSync.sync(server.get(), results.url(), id, mlflow.settings(), note -> err.println("rlx: mlflow: " + note));
          } catch (IllegalArgumentException e) {
            err.println("rlx: " + e.getMessage());
            return ExitCode.INVALID_INPUT;
          }
          out.printf("sweep %d of %s: sent %d run%s, %d metric points, %d params, %d artifacts%s%n", id, recorded.experiment(),
              r.runsCreated(), r.runsCreated() == 1 ? "" : "s", r.metricsSent(), r.paramsSent(), r.artifactsSent(),
              r.rejected() == 0 ? "" : "; " + r.rejected() + " item(s) rejected by MLflow (kept in the store)");
          MlflowOptions.print(r, recorded.experiment(), out);
          if (!r.synced() && r.error().isEmpty() && recorded.sweepStatus().equals("RUNNING")) {
            out.printf("mlflow: sweep %d is still running, or its driver was killed: its runs end in MLflow when it ends"
                + " (a re-run of the spec resumes it as a new sweep)%n", id);
          }
          all &= r.synced();
        }
        return all ? ExitCode.OK : ExitCode.RUNTIME_FAILURE;
      }
    }
  }

  @Command(
      name = "url",
      header = "Print the MLflow URL of a sweep's parent run.",
      description = {
          "",
          "Examples:",
          "  rlx mlflow url 12",
          "  rlx mlflow url gae-lambda       its latest sweep",
          ""},
      exitCodeList = {"0:printed", "1:the sweep has no MLflow run (yet)", "2:no such sweep"})
  static final class Url extends StoreSubcommand {

    @Parameters(paramLabel = "SWEEP", description = "A sweep id, or an experiment name (its latest sweep).")
    String target;


    @Override
    public ExitCode call() {
      PrintWriter err = err();
      try (ResultsStore results = ResultsStore.open(store.resolve())) {
        Optional<SweepRecord> sweep = sweep(results, target, err);
        if (sweep.isEmpty()) {
          return ExitCode.INVALID_INPUT;
        }
        long id = sweep.get().id();
        MlflowSync.Recorded r = MlflowSync.recorded(results.url(), id).orElseThrow();
        if (!r.mirrored()) {
          err.printf("rlx: sweep %d was not mirrored to MLflow (`rlx mlflow sync %d --mlflow-uri URI` sends it)%n", id, id);
          return ExitCode.RUNTIME_FAILURE;
        }
        if (r.runId().isEmpty()) {
          err.printf("rlx: sweep %d has no MLflow run yet: %s did not get it (`rlx mlflow sync %d` sends it)%n", id,
              r.trackingUri().orElse("the server"), id);
          return ExitCode.RUNTIME_FAILURE;
        }
        MlflowTarget server = MlflowTarget.of(r.trackingUri().orElseThrow(), java.util.Map.of());
        out().println(server.runUrl(r.experimentId().orElseThrow(), r.runId().get()));
        return ExitCode.OK;
      }
    }
  }
}
