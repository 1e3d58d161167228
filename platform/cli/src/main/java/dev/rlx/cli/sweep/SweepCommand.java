package dev.rlx.cli.sweep;

import dev.rlx.api.Isolation;
import dev.rlx.cli.console.ExitCode;
import dev.rlx.cli.console.MlflowOptions;
import dev.rlx.cli.console.Provenances;
import dev.rlx.cli.console.SpecFiles;
import dev.rlx.cli.console.StoreOption;
import dev.rlx.cli.console.Subcommand;
import dev.rlx.cli.console.TerminalConsole;
import dev.rlx.cli.inspect.ReportCommand;
import dev.rlx.core.exec.GpuInventory;
import dev.rlx.core.exec.SweepRunner;
import dev.rlx.core.mlflow.MlflowMirror;
import dev.rlx.core.mlflow.MlflowSettings;
import dev.rlx.core.mlflow.MlflowTarget;
import dev.rlx.core.plan.ExperimentPlan;
import dev.rlx.core.plan.ExperimentPlanner;
import dev.rlx.core.plan.PlanResult;
import dev.rlx.core.plugins.PluginCatalog;
import dev.rlx.core.slurm.SlurmSweep;
import dev.rlx.core.sweep.Executor;
import dev.rlx.core.sweep.LocalSweep;
import dev.rlx.core.sweep.SweepRequest;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;
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
        "Several drivers may run one sweep on one store (two terminals, two machines on a",
        "shared store): each trial is claimed in the store before it starts, so none runs twice,",
        "and each driver waits for the others' trials at the end, taking over those whose driver",
        "is gone (its process ended on this host, or its lease ran out: $RLX_TRIAL_LEASE, 60s).",
        "With --mlflow-uri (or $MLFLOW_TRACKING_URI) it mirrors to MLflow as it runs: a parent",
        "run for the sweep, a child run per trial; MLflow being down never fails a trial.",
        "",
        "With `executor: {type: slurm}` (or --executor slurm) the trials to run are submitted as",
        "Slurm job arrays whose tasks each run a bundle of trials in one JVM (executor.trials_per_task:",
        "a number, or auto, the default, to fill executor.task_length; README: Running on Slurm).",
        "A task killed half-way keeps the trials it finished. The driver follows the arrays",
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
    exitCodeList = {"0:every trial completed", "1:a trial failed or timed out, the sweep could not start, or (--check) a claim failed",
        "2:the spec is invalid, or --mlflow-uri names no http(s) server", "130:stopped with Ctrl-C"})
public final class SweepCommand extends Subcommand {

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

  private final ExperimentPlanner planner;
  private final PluginCatalog catalog;

  @Inject
  SweepCommand(ExperimentPlanner planner, PluginCatalog catalog) {
    this.planner = planner;
    this.catalog = catalog;
  }

  @Override
  public ExitCode call() throws Exception {
    PrintWriter out = out();
    PrintWriter err = err();
    PlanResult result = planner.plan(file, SpecFiles.shownAs(file), maxTrials);
    if (!result.ok()) {
      result.problems().forEach(p -> err.println(p.render()));
      err.printf("FAIL %s: %d problem%s; nothing was run%n", file, result.problems().size(), result.problems().size() == 1 ? "" : "s");
      return ExitCode.INVALID_INPUT;
    }
    ExperimentPlan plan = result.plan().orElseThrow();
    String type = executor != null ? executor.toLowerCase(java.util.Locale.ROOT)
        : plan.spec().executor().type();
    if (!type.equals("local") && !type.equals("slurm")) {
      err.println("rlx: --executor " + executor + ": expected local or slurm");
      return ExitCode.INVALID_INPUT;
    }
    Optional<SweepRequest.OnInterrupt> interrupt = TerminalConsole.onInterrupt(onInterrupt, err);
    if (interrupt.isEmpty()) {
      return ExitCode.INVALID_INPUT;
    }
    Optional<MlflowTarget> server;
    try {
      server = mlflowTarget(plan, err);
    } catch (IllegalArgumentException e) {
      err.println("rlx: " + e.getMessage());
      return ExitCode.INVALID_INPUT;
    }
    SweepRequest request = new SweepRequest(Path.of("").toAbsolutePath(), store.resolve(), Optional.ofNullable(store.url),
        jobs == null ? OptionalInt.empty() : OptionalInt.of(jobs), Optional.ofNullable(gpus),
        Optional.ofNullable(isolation).map(i -> Isolation.valueOf(i.toUpperCase(java.util.Locale.ROOT))),
        allowCpu, rerunFailed, fresh, dryRun, check, SweepRunner.parseDuration(retryBackoff), detach, interrupt.get(), server,
        server.isEmpty() ? MlflowSettings.DEFAULT : mlflow.settings().withFinishWait(SweepRunner.parseDuration(mlflowWait)), noMlflow,
        Provenances.of(file, String.join(" ", spec.commandLine().getParseResult().originalArgs())));
    Executor chosen = type.equals("slurm") ? new SlurmSweep(catalog) : new LocalSweep(catalog);
    return ExitCode.of(chosen.run(plan, request, new TerminalConsole(out, err, ReportCommand::report)));
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
}
