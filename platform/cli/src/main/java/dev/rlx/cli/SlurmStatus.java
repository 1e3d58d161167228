package dev.rlx.cli;

import dev.rlx.core.exec.SweepProgress;
import dev.rlx.core.slurm.Slurm;
import dev.rlx.core.slurm.SlurmExecutor;
import dev.rlx.core.slurm.SlurmJobs;
import dev.rlx.core.store.ResultsStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** `rlx status EXPERIMENT [--follow]` for sweeps on Slurm: reattach, ingest, follow. */
final class SlurmStatus {

  private SlurmStatus() {}

  static ExitCode reattach(String url, ResultsStore results, String experiment, boolean follow, String onInterrupt, PrintWriter out,
      PrintWriter err) throws Exception {
    if (!List.of("ask", "cancel", "leave").contains(onInterrupt)) {
      err.println("rlx: --on-interrupt " + onInterrupt + ": expected ask, cancel or leave");
      return ExitCode.INVALID_INPUT;
    }
    try (SlurmJobs jobs = SlurmJobs.open(url)) {
      if (jobs.unfinished(experiment).isEmpty()) {
        if (follow) {
          out.println(experiment + ": no Slurm job arrays to follow");
        }
        return ExitCode.OK;
      }
      if (!Slurm.available()) {
        err.println("rlx: " + experiment + " has tasks in Slurm job arrays " + String.join(" ", jobs.jobIds(experiment))
            + ", but `sbatch` is not on the PATH here: run `rlx status` on the cluster's login node");
        return ExitCode.OK;
      }
      Path workDir = Path.of("").toAbsolutePath();
      SlurmExecutor executor = new SlurmExecutor(results, jobs, new Slurm(workDir), workDir);
      if (follow) {
        java.util.concurrent.atomic.AtomicInteger interrupts = new java.util.concurrent.atomic.AtomicInteger();
        Object previous = SigInt.install(() -> {
          if (interrupts.incrementAndGet() > 1) {
            Runtime.getRuntime().halt(ExitCode.INTERRUPTED.code());
          }
        });
        try {
          ExitCode code = SlurmSweep.follow(executor, results, jobs, null, experiment,
              SlurmSweep.OnInterrupt.valueOf(onInterrupt.toUpperCase(Locale.ROOT)), false, interrupts,
              SlurmSweep.resumeMirrors(results.url(), jobs.sweepIds(experiment), err), out, err);
          return code == ExitCode.INTERRUPTED ? code : ExitCode.OK;
        } finally {
          SigInt.restore(previous);
        }
      }
      executor.follow(experiment, SweepProgress.SILENT, () -> false, SlurmSweep.POLL, true);
      List<String> ids = executor.activeJobs(experiment);
      if (!ids.isEmpty()) {
        out.printf("on Slurm: %d task%s queued or running in job array%s %s (`rlx status %s --follow` follows them)%n",
            executor.inFlight(experiment).size(), executor.inFlight(experiment).size() == 1 ? "" : "s",
            ids.size() == 1 ? "" : "s", String.join(" ", ids), experiment);
      }
      return ExitCode.OK;
    }
  }
}
