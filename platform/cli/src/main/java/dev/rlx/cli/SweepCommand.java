package dev.rlx.cli;

import dev.rlx.api.Isolation;
import dev.rlx.core.exec.GpuInventory;
import dev.rlx.core.exec.SweepOptions;
import dev.rlx.core.exec.SweepRunner;
import dev.rlx.core.exec.TrialScheduler;
import dev.rlx.core.mlflow.MlflowMirror;
import dev.rlx.core.mlflow.MlflowTarget;
import dev.rlx.core.plan.ExperimentPlan;
import dev.rlx.core.plan.ExperimentPlanner;
import dev.rlx.core.plan.PlanResult;
import dev.rlx.core.plugins.PluginCatalog;
import dev.rlx.core.spec.Problem;
import dev.rlx.core.store.ResultsStore;
import dev.rlx.core.store.TrialStatus;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "sweep",
    header = "Run every trial of a spec, resuming where an earlier run stopped.",
    description = {
        "",
        "Validates the spec, expands its sweep, skips the trials the results store already has",
        "as COMPLETED, and runs the rest on a pool of CPU slots (--jobs, default: the core count)",
        "and GPUs (from nvidia-smi, or --gpus). Each trial runs on a thread of this process or in",
        "a worker process of its own: `resources.isolation` in the spec, else the algorithm's",
        "preference (tabular: thread; deep RL: process); --isolation overrides both.",
        "Ctrl-C stops starting trials and cancels the running ones (recorded as CANCELLED);",
        "a second Ctrl-C kills at once. Running the same spec again resumes.",
        "With --mlflow-uri (or $MLFLOW_TRACKING_URI) it mirrors to MLflow as it runs: a parent",
        "run for the sweep, a child run per trial; MLflow being down never fails a trial.",
        "",
        "With `executor: {type: slurm}` (or --executor slurm) the trials to run are submitted as a",
        "Slurm job array, one task per trial (README: Running on Slurm); the driver follows it",
        "with the same progress line, or returns at once with --detach. A re-run (or",
        "`rlx status EXPERIMENT --follow`) reattaches to the arrays still in Slurm and submits",
        "only what is neither finished nor queued. Ctrl-C asks whether to cancel the arrays",
        "(scancel) or leave them running; without a terminal, --on-interrupt decides.",
        "",
        "Examples:",
        "  rlx sweep experiments/td-lambda-random-walk.yaml",
        "  rlx sweep experiments/gae-lambda.yaml --jobs 2 --isolation process",
        "  rlx sweep spec.yaml --dry-run            show what would run",
        "  rlx sweep spec.yaml --fresh              forget stored results, run everything",
        "  rlx sweep spec.yaml --executor slurm --detach   submit a job array and return",
        "  rlx sweep spec.yaml --mlflow-uri http://127.0.0.1:5000",
        ""},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:every trial completed", "1:a trial failed or timed out, the sweep could not start, or (--check) a claim failed",
        "2:the spec is invalid, or --mlflow-uri names no http(s) server", "130:stopped with Ctrl-C"},
    mixinStandardHelpOptions = true)
final class SweepCommand implements Callable<Integer> {

  /** Exit code after Ctrl-C, as shells report a SIGINT death. */
  static final int INTERRUPTED = 130;

  @Parameters(paramLabel = "SPEC", description = "Spec file (YAML).")
  Path file;

  @Option(names = {"-j", "--jobs"}, paramLabel = "N", description = "CPU slots, i.e. trials at once at 1 CPU each (default: the core count).")
  Integer jobs;

  @Option(names = "--gpus", paramLabel = "LIST", description = "GPUs to use, e.g. 0,1 (or none); default: $" + GpuInventory.GPUS_ENV + ", else nvidia-smi.")
  String gpus;

  @Option(names = "--isolation", paramLabel = "MODE", description = "thread or process, for every trial.")
  String isolation;

  @Option(names = "--allow-cpu", description = "Run trials that ask for GPUs on the CPU when there are none.")
  boolean allowCpu;

  @Option(names = "--rerun-failed", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Run FAILED and TIMED_OUT trials again (default); --no-rerun-failed leaves them.")
  boolean rerunFailed;

  @Option(names = "--fresh", description = "Forget this experiment's stored trials and metrics, then run everything.")
  boolean fresh;

  @Option(names = "--dry-run", description = "Print what would run and exit.")
  boolean dryRun;

  @Option(names = "--check", description = "Exit with 1 when a claim of the spec's `expect` does not hold.")
  boolean check;

  @Option(names = "--retry-backoff", paramLabel = "DURATION", description = "Wait before the first retry, doubled for each next one (default: ${DEFAULT-VALUE}).")
  String retryBackoff = "2s";

  @Option(names = "--max-trials", paramLabel = "N", description = "Refuse sweeps larger than N trials (default: ${DEFAULT-VALUE}).")
  long maxTrials = ExperimentPlanner.DEFAULT_MAX_TRIALS;

  @Option(names = "--executor", paramLabel = "TYPE", description = "local or slurm; overrides the spec's executor.type (default: the spec's, else local).")
  String executor;

  @Option(names = "--detach", description = "Slurm: submit the job array and return; `rlx status EXPERIMENT --follow` reattaches.")
  boolean detach;

  @Option(names = "--on-interrupt", paramLabel = "ACTION", description = "Slurm: what Ctrl-C does to the job arrays: ask (on a terminal; cancel elsewhere), cancel or leave (default: ${DEFAULT-VALUE}).")
  String onInterrupt = "ask";

  @Mixin
  StoreOption store;

  @Mixin
  MlflowOptions mlflow;

  @Option(names = "--no-mlflow", description = "Do not mirror to MLflow, whatever the spec or $" + MlflowTarget.URI_ENV + " say.")
  boolean noMlflow;

  @Option(names = "--mlflow-wait", paramLabel = "DURATION",
      description = "At the end, wait at most this long for MLflow to get the rest (default: ${DEFAULT-VALUE}).")
  String mlflowWait = "60s";

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  private final ExperimentPlanner planner;
  private final PluginCatalog catalog;

  @Inject
  SweepCommand(ExperimentPlanner planner, PluginCatalog catalog) {
    this.planner = planner;
    this.catalog = catalog;
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    PlanResult result = planner.plan(file, SpecFiles.shownAs(file), maxTrials);
    if (!result.ok()) {
      result.problems().forEach(p -> err.println(p.render()));
      err.printf("FAIL %s: %d problem%s; nothing was run%n", file, result.problems().size(), result.problems().size() == 1 ? "" : "s");
      return RlxCommand.INVALID_INPUT;
    }
    ExperimentPlan plan = result.plan().orElseThrow();
    String type = executor != null ? executor.toLowerCase(java.util.Locale.ROOT)
        : plan.spec().executor().type();
    if (!type.equals("local") && !type.equals("slurm")) {
      err.println("rlx: --executor " + executor + ": expected local or slurm");
      return RlxCommand.INVALID_INPUT;
    }
    if (!List.of("ask", "cancel", "leave").contains(onInterrupt)) {
      err.println("rlx: --on-interrupt " + onInterrupt + ": expected ask, cancel or leave");
      return RlxCommand.INVALID_INPUT;
    }
    Optional<MlflowTarget> server;
    try {
      server = mlflowTarget(plan, err);
    } catch (IllegalArgumentException e) {
      err.println("rlx: " + e.getMessage());
      return RlxCommand.INVALID_INPUT;
    }
    if (type.equals("slurm")) {
      return SlurmSweep.run(this, plan, catalog, store.resolve(), server,
          Provenances.of(file, String.join(" ", spec.commandLine().getParseResult().originalArgs())),
          SlurmSweep.OnInterrupt.valueOf(onInterrupt.toUpperCase(java.util.Locale.ROOT)), out, err);
    }
    SweepOptions options = new SweepOptions(Path.of("").toAbsolutePath(),
        jobs != null ? jobs : Runtime.getRuntime().availableProcessors(),
        GpuInventory.detect(Optional.ofNullable(gpus)),
        Optional.ofNullable(isolation).map(i -> Isolation.valueOf(i.toUpperCase(java.util.Locale.ROOT))),
        allowCpu, rerunFailed, fresh, SweepRunner.parseDuration(retryBackoff), List.of());
    try (ResultsStore results = ResultsStore.open(store.resolve())) {
      MlflowMirror mirror = server.map(t -> mirror(t, results.url(), err)).orElse(null);
      SweepRunner runner = mirror == null ? new SweepRunner(catalog, results) : new SweepRunner(catalog, results, mirror);
      SweepRunner.Preview preview;
      try {
        preview = runner.preview(plan, options);
      } catch (SweepRunner.SweepRefused e) {
        err.println("rlx: " + e.getMessage());
        return RlxCommand.RUNTIME_FAILURE;
      }
      out.printf("%s: %d trials planned, %d to run%s%n", plan.name(), preview.planned(), fresh ? preview.planned() : preview.toRun(),
          describe(preview.stored(), fresh));
      if (dryRun) {
        preview.trials().forEach(t -> out.printf("  would run #%d %s%s seed %d (%s, %s cpu%s)%n", t.spec().index(), t.spec().id(),
            t.spec().variant().isEmpty() ? "" : " " + t.spec().variant(), t.spec().seed(),
            t.isolation().name().toLowerCase(java.util.Locale.ROOT), t.cpus(), t.gpus() > 0 ? ", " + t.gpus() + " gpu" : ""));
        return RlxCommand.OK;
      }
      if (preview.toRun() == 0 && !fresh) {
        out.printf("nothing to run: all %d trials are already in the store (`rlx runs %s` lists them)%n", preview.planned(), plan.name());
        boolean held = ReportCommand.report(plan, results, out, Path.of(".rlx", "reports", plan.name()));
        return check && !held ? RlxCommand.RUNTIME_FAILURE : RlxCommand.OK;
      }
      ProgressPrinter progress = new ProgressPrinter(out, System.console() != null);
      AtomicInteger interrupts = new AtomicInteger();
      TrialScheduler[] scheduler = new TrialScheduler[1];
      Object previous = SigInt.install(() -> {
        if (interrupts.incrementAndGet() == 1 && scheduler[0] != null) {
          err.println();
          err.println("rlx: stopping: no new trials; cancelling the running ones (Ctrl-C again to kill at once)");
          err.flush();
          scheduler[0].stop();
        } else {
          Runtime.getRuntime().halt(INTERRUPTED);
        }
      });
      SweepRunner.Report report;
      try {
        report = runner.run(plan, options, preview, Provenances.of(file, String.join(" ", spec.commandLine().getParseResult().originalArgs())),
            progress, s -> scheduler[0] = s);
      } catch (SweepRunner.SweepRefused e) {
        err.println("rlx: " + e.getMessage());
        return RlxCommand.RUNTIME_FAILURE;
      } finally {
        SigInt.restore(previous);
        progress.finish();
      }
      int completed = report.summary().count(TrialStatus.COMPLETED);
      int failed = report.summary().count(TrialStatus.FAILED) + report.summary().count(TrialStatus.TIMED_OUT);
      out.printf("sweep %d of %s: %d completed, %d failed, %d cancelled, %d skipped (already completed)%n", report.sweepId(),
          plan.name(), completed, failed, report.summary().count(TrialStatus.CANCELLED), report.skipped());
      out.printf("results: rlx runs %s%s%n", plan.name(), store.url == null ? "" : " --store " + store.url);
      int code = INTERRUPTED;
      Path reportDir = Path.of(".rlx", "reports", plan.name());
      if (!report.summary().stopped()) {
        boolean held = ReportCommand.report(plan, results, out, reportDir);
        code = failed > 0 || (check && !held) ? RlxCommand.RUNTIME_FAILURE : RlxCommand.OK;
      }
      if (mirror != null) {
        MlflowOptions.print(mirror.finish(report.summary().stopped() ? Optional.empty() : Optional.of(reportDir)), plan.name(), out);
      }
      return code;
    }
  }

  /** A mirror of the sweep to {@code server}, with this command's settings, warning on {@code err}. */
  MlflowMirror mirror(MlflowTarget server, String storeUrl, PrintWriter err) {
    return new MlflowMirror(server, storeUrl, mlflow.settings().withFinishWait(SweepRunner.parseDuration(mlflowWait)), warning -> {
      err.println("rlx: mlflow: " + warning);
      err.flush();
    });
  }

  /** The MLflow server to mirror to, if any: --mlflow-uri, else $MLFLOW_TRACKING_URI, unless switched off. */
  private Optional<MlflowTarget> mlflowTarget(ExperimentPlan plan, PrintWriter err) {
    if (noMlflow || (mlflow.uri == null && plan.spec().tracking().mlflowDisabled())) {
      return Optional.empty();
    }
    Optional<MlflowTarget> server = mlflow.target(Optional.empty());
    if (server.isEmpty() && plan.spec().tracking().mlflow().isPresent()) {
      err.println("rlx: note: the spec asks for MLflow (tracking.mlflow) but no server is given; set "
          + MlflowTarget.URI_ENV + " or pass --mlflow-uri (results go to the store only)");
    }
    return server;
  }

  private static String describe(Map<TrialStatus, Integer> stored, boolean fresh) {
    if (fresh) {
      return " (--fresh: stored results forgotten)";
    }
    int completed = stored.getOrDefault(TrialStatus.COMPLETED, 0);
    StringBuilder s = new StringBuilder();
    if (completed > 0) {
      s.append(", ").append(completed).append(" already completed");
    }
    for (TrialStatus status : List.of(TrialStatus.FAILED, TrialStatus.TIMED_OUT, TrialStatus.CANCELLED, TrialStatus.RUNNING)) {
      int n = stored.getOrDefault(status, 0);
      if (n > 0) {
        s.append(", ").append(n).append(' ').append(status == TrialStatus.RUNNING ? "interrupted" : status.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
      }
    }
    return s.toString();
  }
}
