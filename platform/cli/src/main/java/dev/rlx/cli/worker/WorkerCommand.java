package dev.rlx.cli.worker;

import dev.rlx.core.exec.TrialWorker;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
    name = "worker",
    hidden = true,
    header = "Run one trial from its run directory (internal: started by `rlx sweep`).",
    description = {"", "Reads RUN_DIR/trial.json, runs the trial, writes metrics.tsv and result.json.", ""},
    mixinStandardHelpOptions = true)
public final class WorkerCommand implements Callable<Integer> {

  @Parameters(paramLabel = "RUN_DIR", description = "The trial's run directory.")
  Path runDir;

  @picocli.CommandLine.Option(names = "--detached", description = "No driver process behind this worker (a Slurm task): do not watch standard input.")
  boolean detached;

  @Override
  public Integer call() {
    return TrialWorker.run(runDir, detached ? null : System.in);
  }
}
