package dev.rlx.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
    name = "sweep",
    header = "Run every trial of a spec (not available in this version).",
    description = {
        "",
        "Not available yet: this version validates and plans sweeps but does not run them.",
        "Use `rlx validate` and `rlx plan` meanwhile. Running comes with the execution engine",
        "(scheduler, worker processes, results store).",
        ""},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"1:not available in this version"},
    mixinStandardHelpOptions = true)
final class SweepCommand implements Callable<Integer> {

  @Parameters(arity = "0..1", paramLabel = "SPEC", description = "Spec file (YAML).")
  Path file;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getErr().println(
        "rlx: `rlx sweep` is not available in this version: nothing was run.\n"
            + "     rlx can validate and plan a sweep: `rlx plan " + (file == null ? "<spec>" : file) + "`.");
    return RlxCommand.RUNTIME_FAILURE;
  }
}
