package dev.rlx.core.sweep;

import dev.rlx.core.exec.GpuInventory;
import dev.rlx.core.exec.SweepOptions;
import dev.rlx.core.exec.SweepProgress;
import dev.rlx.core.exec.SweepRunner;
import dev.rlx.core.exec.TrialScheduler;
import dev.rlx.core.mlflow.MlflowMirror;
import dev.rlx.core.plan.ExperimentPlan;
import dev.rlx.core.plugins.PluginCatalog;
import dev.rlx.core.store.ResultsStore;
import dev.rlx.core.store.TrialStatus;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The local executor: runs the trials on this machine's pool of CPU slots and GPUs
 * ({@link SweepRunner}, {@link TrialScheduler}), each on a thread or in a worker process.
 * Ctrl-C stops starting trials and cancels the running ones (recorded as CANCELLED).
 */
public record LocalSweep(PluginCatalog catalog) implements Executor {

  @Override
  public SweepEnd run(ExperimentPlan plan, SweepRequest request, SweepConsole console) throws Exception {
    PrintWriter out = console.out();
    PrintWriter err = console.err();
    boolean fresh = request.fresh();
    SweepOptions options = new SweepOptions(request.workDir(), request.jobs().orElse(Runtime.getRuntime().availableProcessors()),
        GpuInventory.detect(request.gpus()), request.isolation(), request.allowCpu(), request.rerunFailed(), fresh,
        request.retryBackoff(), List.of(), lease());
    try (ResultsStore results = ResultsStore.open(request.storeUrl())) {
      MlflowMirror mirror = request.mlflow().map(t -> console.mirror(t, results.url(), request.mlflowSettings())).orElse(null);
      SweepRunner runner = mirror == null ? new SweepRunner(catalog, results) : new SweepRunner(catalog, results, mirror);
      Optional<SweepRunner.Preview> planned = console.preview(runner, plan, options);
      if (planned.isEmpty()) {
        return SweepEnd.FAILED;
      }
      SweepRunner.Preview preview = planned.get();
      out.printf("%s: %d trials planned, %d to run%s%n", plan.name(), preview.planned(), fresh ? preview.planned() : preview.toRun(),
          describe(preview.stored(), fresh ? 0 : results.trials().runningElsewhere(plan.name()), fresh));
      if (request.dryRun()) {
        preview.trials().forEach(t -> out.printf("  would run #%d %s%s seed %d (%s, %s cpu%s)%n", t.spec().index(), t.spec().id(),
            t.spec().variant().isEmpty() ? "" : " " + t.spec().variant(), t.spec().seed(),
            t.isolation().name().toLowerCase(Locale.ROOT), t.cpus(), t.gpus() > 0 ? ", " + t.gpus() + " gpu" : ""));
        return SweepEnd.SUCCEEDED;
      }
      if (preview.toRun() == 0 && !fresh) {
        return console.nothingToRun(plan, preview.planned(), results, request.check());
      }
      SweepProgress progress = console.progress();
      AtomicReference<TrialScheduler> scheduler = new AtomicReference<>();
      SweepRunner.Report report;
      try (AutoCloseable interrupts = console.onInterrupt(() -> stop(scheduler.get(), err))) {
        report = runner.run(plan, options, preview, request.provenance(), progress, scheduler::set);
      } catch (SweepRunner.SweepRefused e) {
        err.println("rlx: " + e.getMessage());
        return SweepEnd.FAILED;
      } finally {
        progress.finish();
      }
      int completed = report.summary().count(TrialStatus.COMPLETED);
      int failed = report.summary().count(TrialStatus.FAILED) + report.summary().count(TrialStatus.TIMED_OUT);
      out.printf("sweep %d of %s: %d completed, %d failed, %d cancelled, %d skipped (already completed)%s%n", report.sweepId(),
          plan.name(), completed, failed, report.summary().count(TrialStatus.CANCELLED), report.skipped(),
          report.summary().elsewhere() == 0 ? "" : ", " + report.summary().elsewhere() + " run by other drivers on this store");
      out.printf("results: rlx runs %s%s%n", plan.name(), request.storeOption().map(s -> " --store " + s).orElse(""));
      List<MlflowMirror> mirrors = mirror == null ? List.of() : List.of(mirror);
      if (report.summary().stopped()) {
        console.finish(mirrors, Optional.empty(), plan.name());
        return SweepEnd.INTERRUPTED;
      }
      return console.finished(plan, results, failed, request.check(), mirrors);
    }
  }

  /**
   * How long a claimed trial stays this driver's without renewal: {@link SweepOptions#DEFAULT_LEASE},
   * or {@code RLX_TRIAL_LEASE} (a duration such as 10s), which tests of driver deaths shorten.
   */
  private static Duration lease() {
    String configured = System.getenv("RLX_TRIAL_LEASE");
    return configured == null || configured.isBlank() ? SweepOptions.DEFAULT_LEASE : SweepRunner.parseDuration(configured.strip());
  }

  /** The first Ctrl-C: no new trials, the running ones cancelled; false before the scheduler has started. */
  private static boolean stop(TrialScheduler scheduler, PrintWriter err) {
    if (scheduler == null) {
      return false;
    }
    err.println();
    err.println("rlx: stopping: no new trials; cancelling the running ones (Ctrl-C again to kill at once)");
    err.flush();
    scheduler.stop();
    return true;
  }

  /** The preview line's tail: what the store holds already; {@code elsewhere} of its RUNNING trials another driver runs now. */
  private static String describe(Map<TrialStatus, Integer> stored, int elsewhere, boolean fresh) {
    if (fresh) {
      return " (--fresh: stored results forgotten)";
    }
    int completed = stored.getOrDefault(TrialStatus.COMPLETED, 0);
    StringBuilder s = new StringBuilder();
    if (completed > 0) {
      s.append(", ").append(completed).append(" already completed");
    }
    for (TrialStatus status : List.of(TrialStatus.FAILED, TrialStatus.TIMED_OUT, TrialStatus.CANCELLED, TrialStatus.RUNNING)) {
      int n = stored.getOrDefault(status, 0) - (status == TrialStatus.RUNNING ? elsewhere : 0);
      if (n > 0) {
        s.append(", ").append(n).append(' ').append(status == TrialStatus.RUNNING ? "interrupted" : status.name().toLowerCase(Locale.ROOT).replace('_', ' '));
      }
    }
    if (elsewhere > 0) {
      s.append(", ").append(elsewhere).append(" running in another driver now");
    }
    return s.toString();
  }
}
