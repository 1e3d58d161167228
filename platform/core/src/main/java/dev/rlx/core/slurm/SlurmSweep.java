package dev.rlx.core.slurm;

import dev.rlx.api.Isolation;
import dev.rlx.core.exec.GpuInventory;
import dev.rlx.core.exec.ScheduledTrial;
import dev.rlx.core.exec.SweepOptions;
import dev.rlx.core.exec.SweepProgress;
import dev.rlx.core.exec.SweepRunner;
import dev.rlx.core.mlflow.MlflowMirror;
import dev.rlx.core.mlflow.MlflowSettings;
import dev.rlx.core.mlflow.MlflowSync;
import dev.rlx.core.mlflow.MlflowTarget;
import dev.rlx.core.plan.ExperimentPlan;
import dev.rlx.core.plugins.PluginCatalog;
import dev.rlx.core.spec.Problem;
import dev.rlx.core.store.ResultsStore;
import dev.rlx.core.store.TrialStatus;
import dev.rlx.core.sweep.Executor;
import dev.rlx.core.sweep.SweepConsole;
import dev.rlx.core.sweep.SweepEnd;
import dev.rlx.core.sweep.SweepRequest;
import dev.rlx.core.sweep.SweepRequest.OnInterrupt;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The Slurm executor ({@code executor: {type: slurm}}): reattach to the experiment's job
 * arrays still in Slurm (ingesting what ended meanwhile), submit the trials still to run as a
 * new array ({@link SlurmExecutor}), then follow it (or return at once with --detach). Ctrl-C
 * asks, on a terminal, whether to cancel the arrays or leave them running; elsewhere
 * --on-interrupt decides. {@link #reattach} is {@code rlx status} for sweeps on Slurm.
 *
 * <p>MLflow: the new sweep is mirrored as the driver ingests its tasks, exactly as a local
 * sweep (the mirror reads the store); a sweep followed again (a re-run that reattaches, or
 * {@code rlx status --follow}) is mirrored again where it was recorded for MLflow; a detached
 * sweep is recorded for MLflow and sent by whichever of those, or {@code rlx mlflow sync}, comes next.
 */
public record SlurmSweep(PluginCatalog catalog) implements Executor {

  /** How often the driver asks Slurm about its tasks. */
  static final Duration POLL = Duration.ofMillis(500);

  @Override
  public SweepEnd run(ExperimentPlan plan, SweepRequest request, SweepConsole console) throws Exception {
    PrintWriter out = console.out();
    PrintWriter err = console.err();
    SlurmSettings settings = SlurmSettings.of(plan.spec());
    List<Problem> problems = settings.problems(plan.document());
    if (!problems.isEmpty()) {
      problems.forEach(p -> err.println(p.render()));
      err.printf("FAIL %s: %d problem%s with executor type slurm; nothing was submitted%n", plan.document().file(),
          problems.size(), problems.size() == 1 ? "" : "s");
      return SweepEnd.INVALID;
    }
    if (!Slurm.available()) {
      err.println("rlx: executor slurm: `sbatch` is not on the PATH; run on a Slurm login node,"
          + " or use --executor local to run here");
      return SweepEnd.FAILED;
    }
    Path workDir = request.workDir();
    // The GPUs are Slurm's to assign (--gres/--gpus); this machine needs none of its own.
    SweepOptions options = new SweepOptions(workDir, 1, GpuInventory.NONE, Optional.empty(), true,
        request.rerunFailed(), request.fresh(), Duration.ZERO, List.of());
    boolean dryRun = request.dryRun();
    Optional<MlflowTarget> server = request.mlflow();
    try (ResultsStore results = ResultsStore.open(request.storeUrl()); SlurmJobs jobs = SlurmJobs.open(request.storeUrl())) {
      SlurmExecutor executor = new SlurmExecutor(results, jobs, new Slurm(workDir), workDir);
      MlflowMirror mirror = server.isEmpty() || request.detach() ? null
          : console.mirror(server.get(), results.url(), request.mlflowSettings());
      SweepRunner runner = mirror == null ? new SweepRunner(catalog, results) : new SweepRunner(catalog, results, mirror);
      String name = plan.name();
      if (request.fresh() && !dryRun && !executor.activeJobs(name).isEmpty()) {
        out.printf("--fresh: cancelling the job arrays still in Slurm: %s%n", String.join(" ", executor.cancel(name)));
        executor.follow(name, SweepProgress.SILENT, () -> false, POLL, false);
      }
      // Reattach: record what ended while no driver was watching.
      if (!dryRun) {
        executor.follow(name, SweepProgress.SILENT, () -> false, POLL, true);
      }
      Set<String> inFlight = executor.inFlight(name);
      Optional<SweepRunner.Preview> planned = console.preview(runner, plan, options);
      if (planned.isEmpty()) {
        return SweepEnd.FAILED;
      }
      SweepRunner.Preview all = planned.get();
      List<ScheduledTrial> toSubmit = all.trials().stream().filter(t -> !inFlight.contains(t.spec().id())).toList();
      SweepRunner.Preview preview = new SweepRunner.Preview(all.planned(), toSubmit.size(), all.stored(), toSubmit);
      out.printf("%s: %d trials planned, %d to submit to Slurm%s%s%n", name, preview.planned(), toSubmit.size(),
          inFlight.isEmpty() ? "" : ", " + inFlight.size() + " still in Slurm (jobs " + String.join(" ", executor.activeJobs(name)) + ")",
          all.stored().getOrDefault(TrialStatus.COMPLETED, 0) > 0 ? ", " + all.stored().get(TrialStatus.COMPLETED) + " already completed" : "");
      if (dryRun) {
        out.println("  each task: sbatch " + String.join(" ", settings.sbatchOptions()));
        toSubmit.forEach(t -> out.printf("  would submit #%d %s%s seed %d%n", t.spec().index(), t.spec().id(),
            t.spec().variant().isEmpty() ? "" : " " + t.spec().variant(), t.spec().seed()));
        return SweepEnd.SUCCEEDED;
      }
      if (toSubmit.isEmpty() && inFlight.isEmpty()) {
        return console.nothingToRun(plan, preview.planned(), results, request.check());
      }
      // Ctrl-C from here on: the follow loop stops and asks (or --on-interrupt decides); a
      // second one kills at once.
      AtomicBoolean interrupted = new AtomicBoolean();
      try (AutoCloseable interrupts = console.onInterrupt(() -> {
        interrupted.set(true);
        return true;
      })) {
        List<MlflowMirror> mirrors = new ArrayList<>();
        if (!request.noMlflow() && !request.detach()) {
          mirrors.addAll(resumeMirrors(results.url(), jobs.sweepIds(name), console));
        }
        if (!toSubmit.isEmpty()) {
          long sweepId = runner.begin(plan, options, preview, request.provenance());
          results.sweeps().detach(sweepId); // its arrays go on without this driver
          if (mirror != null) {
            mirrors.add(mirror);
          } else if (server.isPresent()) {
            MlflowMirror.record(server.get(), results.url(), sweepId, plan);
          }
          SlurmExecutor.Submitted submitted;
          try {
            submitted = executor.submit(name, sweepId, toSubmit, settings, SlurmScripts.workerCommandLikeThisJvm());
          } catch (Slurm.SlurmException e) {
            results.sweeps().finish(sweepId, "CANCELLED");
            err.println("rlx: " + e.getMessage());
            console.finish(mirrors, Optional.empty(), name);
            return SweepEnd.FAILED;
          }
          List<String> ids = submitted.jobIds();
          out.printf("sweep %d: submitted %d trial%s as Slurm job array%s %s%s%n", sweepId, toSubmit.size(),
              toSubmit.size() == 1 ? "" : "s", ids.size() == 1 ? "" : "s", String.join(" ", ids),
              submitted.largestBundle() > 1 ? " (" + submitted.tasks() + " task" + (submitted.tasks() == 1 ? "" : "s")
                  + " of up to " + submitted.largestBundle() + " trials each: executor.trials_per_task)" : "");
        }
        if (request.detach()) {
          out.printf("detached: `rlx status %s --follow` reattaches; `scancel %s` cancels%n", name,
              String.join(" ", executor.activeJobs(name)));
          if (server.isPresent()) {
            out.printf("mlflow: the sweep goes to %s as `rlx status %s --follow` follows it, or with `rlx mlflow sync` once it ended%n",
                server.get().display(), name);
          }
          out.flush();
          return SweepEnd.SUCCEEDED;
        }
        return follow(executor, results, jobs, plan, name, request.onInterrupt(), request.check(), interrupted, mirrors, console);
      }
    }
  }

  /**
   * {@code rlx status EXPERIMENT [--follow]} for sweeps on Slurm: records the tasks that ended
   * since (reattaching to the job arrays) and names the arrays still queued or running; with
   * {@code follow}, follows them to the end with the sweep's progress line.
   */
  public static SweepEnd reattach(String url, ResultsStore results, String experiment, boolean follow, OnInterrupt onInterrupt,
      SweepConsole console) throws Exception {
    PrintWriter out = console.out();
    try (SlurmJobs jobs = SlurmJobs.open(url)) {
      if (jobs.unfinished(experiment).isEmpty()) {
        if (follow) {
          out.println(experiment + ": no Slurm job arrays to follow");
        }
        return SweepEnd.SUCCEEDED;
      }
      if (!Slurm.available()) {
        console.err().println("rlx: " + experiment + " has tasks in Slurm job arrays " + String.join(" ", jobs.jobIds(experiment))
            + ", but `sbatch` is not on the PATH here: run `rlx status` on the cluster's login node");
        return SweepEnd.SUCCEEDED;
      }
      Path workDir = Path.of("").toAbsolutePath();
      SlurmExecutor executor = new SlurmExecutor(results, jobs, new Slurm(workDir), workDir);
      if (follow) {
        AtomicBoolean interrupted = new AtomicBoolean();
        try (AutoCloseable interrupts = console.onInterrupt(() -> {
          interrupted.set(true);
          return true;
        })) {
          SweepEnd end = follow(executor, results, jobs, null, experiment, onInterrupt, false, interrupted,
              resumeMirrors(results.url(), jobs.sweepIds(experiment), console), console);
          return end == SweepEnd.INTERRUPTED ? end : SweepEnd.SUCCEEDED;
        }
      }
      executor.follow(experiment, SweepProgress.SILENT, () -> false, POLL, true);
      List<String> ids = executor.activeJobs(experiment);
      if (!ids.isEmpty()) {
        out.printf("on Slurm: %d task%s queued or running in job array%s %s (`rlx status %s --follow` follows them)%n",
            executor.inFlight(experiment).size(), executor.inFlight(experiment).size() == 1 ? "" : "s",
            ids.size() == 1 ? "" : "s", String.join(" ", ids), experiment);
      }
      return SweepEnd.SUCCEEDED;
    }
  }

  /** Follows the experiment's arrays to the end (the sweep driver, and `rlx status --follow`). */
  private static SweepEnd follow(SlurmExecutor executor, ResultsStore results, SlurmJobs jobs, ExperimentPlan plan, String name,
      OnInterrupt onInterrupt, boolean check, AtomicBoolean interrupted, List<MlflowMirror> mirrors, SweepConsole console)
      throws Exception {
    PrintWriter out = console.out();
    PrintWriter err = console.err();
    List<Long> sweeps = jobs.sweepIds(name);
    SweepProgress progress = console.progress();
    SlurmExecutor.Outcome outcome;
    try {
      outcome = executor.follow(name, progress, interrupted::get, POLL, false);
    } finally {
      progress.finish();
    }
    if (outcome.stopped()) {
      List<String> ids = executor.activeJobs(name);
      OnInterrupt choice = onInterrupt == OnInterrupt.ASK ? console.ask(ids) : onInterrupt;
      if (choice == OnInterrupt.CANCEL) {
        err.printf("rlx: cancelling job array%s %s (scancel); finished trials stay stored%n", ids.size() == 1 ? "" : "s",
            String.join(" ", ids));
        err.flush();
        executor.cancel(name);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        executor.follow(name, progress, () -> System.nanoTime() > deadline, POLL, false);
        sweeps.forEach(id -> results.sweeps().finish(id, "CANCELLED"));
        console.finish(mirrors, Optional.empty(), name);
      } else {
        err.printf("rlx: left job array%s %s running in Slurm; `rlx status %s --follow` reattaches%n",
            ids.size() == 1 ? "" : "s", String.join(" ", ids), name);
        for (MlflowMirror m : mirrors) {
          console.mlflow(m.stop(), name); // the rest goes when the arrays are followed again
        }
      }
      return SweepEnd.INTERRUPTED;
    }
    sweeps.forEach(id -> results.sweeps().finish(id, "FINISHED"));
    int failed = outcome.count(TrialStatus.FAILED) + outcome.count(TrialStatus.TIMED_OUT);
    out.printf("%s on Slurm: %d completed, %d failed, %d cancelled, %d left pending (of %d followed)%n", name,
        outcome.count(TrialStatus.COMPLETED), failed, outcome.count(TrialStatus.CANCELLED), outcome.count(TrialStatus.PENDING),
        outcome.followed());
    out.printf("results: rlx runs %s%n", name);
    if (plan == null) {
      console.finish(mirrors, Optional.empty(), name);
      return failed > 0 ? SweepEnd.FAILED : SweepEnd.SUCCEEDED;
    }
    return console.finished(plan, results, failed, check, mirrors);
  }

  /**
   * Mirrors for the followed sweeps that were recorded for MLflow and are not all there yet,
   * each to the server it was recorded with (credentials from the environment).
   */
  private static List<MlflowMirror> resumeMirrors(String storeUrl, List<Long> sweepIds, SweepConsole console) {
    List<MlflowMirror> mirrors = new ArrayList<>();
    for (long id : sweepIds) {
      MlflowSync.recorded(storeUrl, id).filter(r -> r.mirrored() && !r.synced() && r.trackingUri().isPresent()).ifPresent(r -> {
        MlflowMirror m = console.mirror(MlflowTarget.of(r.trackingUri().get(), System.getenv()), storeUrl, MlflowSettings.DEFAULT);
        m.resume(id);
        mirrors.add(m);
      });
    }
    return mirrors;
  }
}
