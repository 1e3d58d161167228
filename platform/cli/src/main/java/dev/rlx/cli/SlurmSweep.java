package dev.rlx.cli;

import dev.rlx.api.Isolation;
import dev.rlx.core.exec.GpuInventory;
import dev.rlx.core.exec.ScheduledTrial;
import dev.rlx.core.exec.SweepOptions;
import dev.rlx.core.exec.SweepRunner;
import dev.rlx.core.mlflow.MlflowMirror;
import dev.rlx.core.mlflow.MlflowSync;
import dev.rlx.core.mlflow.MlflowTarget;
import dev.rlx.core.plan.ExperimentPlan;
import dev.rlx.core.plugins.PluginCatalog;
import dev.rlx.core.slurm.Slurm;
import dev.rlx.core.slurm.SlurmExecutor;
import dev.rlx.core.slurm.SlurmJobs;
import dev.rlx.core.slurm.SlurmSettings;
import dev.rlx.core.store.Provenance;
import dev.rlx.core.store.ResultsStore;
import dev.rlx.core.store.TrialStatus;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code rlx sweep} with {@code executor: {type: slurm}}: reattach to the experiment's job
 * arrays still in Slurm (ingesting what ended meanwhile), submit the trials still to run as a
 * new array, then follow it (or return at once with --detach). Ctrl-C asks, on a terminal,
 * whether to cancel the arrays or leave them running; elsewhere --on-interrupt decides.
 *
 * <p>MLflow: the new sweep is mirrored as the driver ingests its tasks, exactly as a local
 * sweep (the mirror reads the store); a sweep followed again (a re-run that reattaches, or
 * {@code rlx status --follow}) is mirrored again where it was recorded for MLflow; a detached
 * sweep is recorded for MLflow and sent by whichever of those, or {@code rlx mlflow sync}, comes next.
 */
final class SlurmSweep {

  /** How often the driver asks Slurm about its tasks. */
  static final Duration POLL = Duration.ofMillis(500);

  /** What Ctrl-C does to the job arrays. */
  enum OnInterrupt { ASK, CANCEL, LEAVE }

  private SlurmSweep() {}

  static ExitCode run(SweepCommand command, ExperimentPlan plan, PluginCatalog catalog, String storeUrl, Optional<MlflowTarget> server,
      Provenance provenance, OnInterrupt onInterrupt, PrintWriter out, PrintWriter err) throws Exception {
    SlurmSettings settings = SlurmSettings.of(plan.document().root());
    List<dev.rlx.core.spec.Problem> problems = settings.problems(plan.document());
    if (!problems.isEmpty()) {
      problems.forEach(p -> err.println(p.render()));
      err.printf("FAIL %s: %d problem%s with executor type slurm; nothing was submitted%n", plan.document().file(),
          problems.size(), problems.size() == 1 ? "" : "s");
      return ExitCode.INVALID_INPUT;
    }
    if (!Slurm.available()) {
      err.println("rlx: executor slurm: `sbatch` is not on the PATH; run on a Slurm login node,"
          + " or use --executor local to run here");
      return ExitCode.RUNTIME_FAILURE;
    }
    Path workDir = Path.of("").toAbsolutePath();
    // The GPUs are Slurm's to assign (--gres/--gpus); this machine needs none of its own.
    SweepOptions options = new SweepOptions(workDir, 1, GpuInventory.NONE, Optional.of(Isolation.PROCESS), true,
        command.rerunFailed, command.fresh, Duration.ZERO, List.of());
    try (ResultsStore results = ResultsStore.open(storeUrl); SlurmJobs jobs = SlurmJobs.open(storeUrl)) {
      SlurmExecutor executor = new SlurmExecutor(results, jobs, new Slurm(workDir), workDir);
      MlflowMirror mirror = server.isEmpty() || command.detach ? null : command.mirror(server.get(), results.url(), err);
      SweepRunner runner = mirror == null ? new SweepRunner(catalog, results) : new SweepRunner(catalog, results, mirror);
      String name = plan.name();
      if (command.fresh && !command.dryRun && !executor.activeJobs(name).isEmpty()) {
        out.printf("--fresh: cancelling the job arrays still in Slurm: %s%n", String.join(" ", executor.cancel(name)));
        executor.follow(name, dev.rlx.core.exec.SweepProgress.SILENT, () -> false, POLL, false);
      }
      // Reattach: record what ended while no driver was watching.
      if (!command.dryRun) {
        executor.follow(name, dev.rlx.core.exec.SweepProgress.SILENT, () -> false, POLL, true);
      }
      Set<String> inFlight = executor.inFlight(name);
      SweepRunner.Preview all;
      try {
        all = runner.preview(plan, options);
      } catch (SweepRunner.SweepRefused e) {
        err.println("rlx: " + e.getMessage());
        return ExitCode.RUNTIME_FAILURE;
      }
      List<ScheduledTrial> toSubmit = all.trials().stream().filter(t -> !inFlight.contains(t.spec().id())).toList();
      SweepRunner.Preview preview = new SweepRunner.Preview(all.planned(), toSubmit.size(), all.stored(), toSubmit);
      out.printf("%s: %d trials planned, %d to submit to Slurm%s%s%n", name, preview.planned(), toSubmit.size(),
          inFlight.isEmpty() ? "" : ", " + inFlight.size() + " still in Slurm (jobs " + String.join(" ", executor.activeJobs(name)) + ")",
          all.stored().getOrDefault(TrialStatus.COMPLETED, 0) > 0 ? ", " + all.stored().get(TrialStatus.COMPLETED) + " already completed" : "");
      if (command.dryRun) {
        out.println("  each task: sbatch " + String.join(" ", settings.sbatchOptions()));
        toSubmit.forEach(t -> out.printf("  would submit #%d %s%s seed %d%n", t.spec().index(), t.spec().id(),
            t.spec().variant().isEmpty() ? "" : " " + t.spec().variant(), t.spec().seed()));
        return ExitCode.OK;
      }
      if (toSubmit.isEmpty() && inFlight.isEmpty()) {
        out.printf("nothing to run: all %d trials are already in the store (`rlx runs %s` lists them)%n", preview.planned(), name);
        boolean held = ReportCommand.report(plan, results, out, Path.of(".rlx", "reports", name));
        return command.check && !held ? ExitCode.RUNTIME_FAILURE : ExitCode.OK;
      }
      // Ctrl-C from here on: the follow loop stops and asks (or --on-interrupt decides); a
      // second one kills at once.
      AtomicInteger interrupts = new AtomicInteger();
      Object previous = SigInt.install(() -> {
        if (interrupts.incrementAndGet() > 1) {
          Runtime.getRuntime().halt(ExitCode.INTERRUPTED.code());
        }
      });
      List<MlflowMirror> mirrors = new ArrayList<>();
      if (!command.noMlflow && !command.detach) {
        mirrors.addAll(resumeMirrors(results.url(), jobs.sweepIds(name), err));
      }
      try {
        if (!toSubmit.isEmpty()) {
          long sweepId = runner.begin(plan, options, preview, provenance);
          if (mirror != null) {
            mirrors.add(mirror);
          } else if (server.isPresent()) {
            MlflowMirror.record(server.get(), results.url(), sweepId, plan);
          }
          List<String> ids;
          try {
            ids = executor.submit(name, sweepId, toSubmit, settings, SlurmExecutor.workerCommandLikeThisJvm());
          } catch (Slurm.SlurmException e) {
            results.finishSweep(sweepId, "CANCELLED");
            err.println("rlx: " + e.getMessage());
            finish(mirrors, Optional.empty(), name, out);
            return ExitCode.RUNTIME_FAILURE;
          }
          out.printf("sweep %d: submitted %d trial%s as Slurm job array%s %s%n", sweepId, toSubmit.size(),
              toSubmit.size() == 1 ? "" : "s", ids.size() == 1 ? "" : "s", String.join(" ", ids));
        }
        if (command.detach) {
          out.printf("detached: `rlx status %s --follow` reattaches; `scancel %s` cancels%n", name,
              String.join(" ", executor.activeJobs(name)));
          if (server.isPresent()) {
            out.printf("mlflow: the sweep goes to %s as `rlx status %s --follow` follows it, or with `rlx mlflow sync` once it ended%n",
                server.get().display(), name);
          }
          out.flush();
          return ExitCode.OK;
        }
        return follow(executor, results, jobs, plan, name, onInterrupt, command.check, interrupts, mirrors, out, err);
      } finally {
        SigInt.restore(previous);
      }
    }
  }

  /** Follows the experiment's arrays to the end (the sweep driver, and `rlx status --follow`). */
  static ExitCode follow(SlurmExecutor executor, ResultsStore results, SlurmJobs jobs, ExperimentPlan plan, String name,
      OnInterrupt onInterrupt, boolean check, AtomicInteger interrupts, List<MlflowMirror> mirrors, PrintWriter out,
      PrintWriter err) throws Exception {
    List<Long> sweeps = jobs.sweepIds(name);
    ProgressPrinter progress = new ProgressPrinter(out, System.console() != null);
    SlurmExecutor.Outcome outcome;
    try {
      outcome = executor.follow(name, progress, () -> interrupts.get() > 0, POLL, false);
    } finally {
      progress.finish();
    }
    if (outcome.stopped()) {
      List<String> ids = executor.activeJobs(name);
      OnInterrupt choice = onInterrupt == OnInterrupt.ASK ? ask(ids, out) : onInterrupt;
      interrupts.set(1); // one more Ctrl-C kills at once
      if (choice == OnInterrupt.CANCEL) {
        err.printf("rlx: cancelling job array%s %s (scancel); finished trials stay stored%n", ids.size() == 1 ? "" : "s",
            String.join(" ", ids));
        err.flush();
        executor.cancel(name);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        executor.follow(name, progress, () -> System.nanoTime() > deadline, POLL, false);
        sweeps.forEach(id -> results.finishSweep(id, "CANCELLED"));
        finish(mirrors, Optional.empty(), name, out);
      } else {
        err.printf("rlx: left job array%s %s running in Slurm; `rlx status %s --follow` reattaches%n",
            ids.size() == 1 ? "" : "s", String.join(" ", ids), name);
        for (MlflowMirror m : mirrors) {
          MlflowOptions.print(m.stop(), name, out); // the rest goes when the arrays are followed again
        }
      }
      return ExitCode.INTERRUPTED;
    }
    sweeps.forEach(id -> results.finishSweep(id, "FINISHED"));
    int failed = outcome.count(TrialStatus.FAILED) + outcome.count(TrialStatus.TIMED_OUT);
    out.printf("%s on Slurm: %d completed, %d failed, %d cancelled, %d left pending (of %d followed)%n", name,
        outcome.count(TrialStatus.COMPLETED), failed, outcome.count(TrialStatus.CANCELLED), outcome.count(TrialStatus.PENDING),
        outcome.followed());
    out.printf("results: rlx runs %s%n", name);
    if (plan == null) {
      finish(mirrors, Optional.empty(), name, out);
      return failed > 0 ? ExitCode.RUNTIME_FAILURE : ExitCode.OK;
    }
    Path reportDir = Path.of(".rlx", "reports", name);
    boolean held = ReportCommand.report(plan, results, out, reportDir);
    finish(mirrors, Optional.of(reportDir), name, out);
    return failed > 0 || (check && !held) ? ExitCode.RUNTIME_FAILURE : ExitCode.OK;
  }

  /** Waits (a bounded time) for each mirror to send the rest, and says where the sweeps are in MLflow. */
  private static void finish(List<MlflowMirror> mirrors, Optional<Path> reportDir, String name, PrintWriter out)
      throws InterruptedException {
    for (MlflowMirror m : mirrors) {
      MlflowOptions.print(m.finish(reportDir), name, out);
    }
  }

  /**
   * Mirrors for the followed sweeps that were recorded for MLflow and are not all there yet,
   * each to the server it was recorded with (credentials from the environment).
   */
  static List<MlflowMirror> resumeMirrors(String storeUrl, List<Long> sweepIds, PrintWriter err) {
    List<MlflowMirror> mirrors = new ArrayList<>();
    for (long id : sweepIds) {
      MlflowSync.recorded(storeUrl, id).filter(r -> r.mirrored() && !r.synced() && r.trackingUri().isPresent()).ifPresent(r -> {
        MlflowTarget target = MlflowTarget.of(r.trackingUri().get(), MlflowOptions.env());
        MlflowMirror m = new MlflowMirror(target, storeUrl, dev.rlx.core.mlflow.MlflowSettings.DEFAULT, warning -> {
          err.println("rlx: mlflow: " + warning);
          err.flush();
        });
        m.resume(id);
        mirrors.add(m);
      });
    }
    return mirrors;
  }

  private static OnInterrupt ask(List<String> ids, PrintWriter out) {
    java.io.Console console = System.console();
    if (console == null) {
      return OnInterrupt.CANCEL;
    }
    out.println();
    out.flush();
    String answer = console.readLine("Cancel Slurm job array%s %s (c), or leave %s running (l)? [c] ",
        ids.size() == 1 ? "" : "s", String.join(" ", ids), ids.size() == 1 ? "it" : "them");
    return answer != null && answer.strip().toLowerCase(Locale.ROOT).startsWith("l") ? OnInterrupt.LEAVE : OnInterrupt.CANCEL;
  }
}
