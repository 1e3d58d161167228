package dev.rlx.cli.inspect;

import dev.rlx.cli.console.ExitCode;
import dev.rlx.core.plan.ExperimentPlan;
import dev.rlx.core.plan.ExperimentPlanner;
import dev.rlx.core.plan.PlanResult;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "validate",
    header = "Check experiment specs and report every problem at once.",
    description = {
        "",
        "Checks each spec against the schema, the plugins' parameter declarations and the",
        "sweep rules, expands its sweep and checks every trial. Problems are printed as",
        "file:line:column: path: what is wrong: expected …, found …",
        "",
        "Examples:",
        "  rlx validate experiments/gae-lambda.yaml",
        "  rlx validate experiments/*.yaml",
        ""},
    exitCodeList = {"0:every spec is valid", "2:at least one spec is invalid"})
public final class ValidateCommand extends SpecSubcommand {

  @Parameters(arity = "1..*", paramLabel = "SPEC", description = "Spec files (YAML).")
  List<Path> specs;

  @Option(names = "--max-trials", paramLabel = "N", description = "Refuse sweeps larger than N trials (default: ${DEFAULT-VALUE}).")
  long maxTrials = ExperimentPlanner.DEFAULT_MAX_TRIALS;

  @Option(names = {"-q", "--quiet"}, description = "Print problems only, not the valid files.")
  boolean quiet;

  @Inject
  ValidateCommand(ExperimentPlanner planner) {
    super(planner);
  }

  @Override
  public ExitCode call() {
    PrintWriter out = out();
    int invalid = 0;
    for (Path file : specs) {
      PlanResult result = plan(file, maxTrials);
      if (result.ok()) {
        ExperimentPlan plan = result.plan().orElseThrow();
        if (!quiet) {
          out.printf("ok   %s: %s, %d trial%s%n", file, plan.name(), plan.trials().size(), plan.trials().size() == 1 ? "" : "s");
        }
      } else {
        invalid++;
        printProblems(file, result);
      }
    }
    if (specs.size() > 1) {
      out.printf("%d of %d specs valid%n", specs.size() - invalid, specs.size());
    }
    return invalid == 0 ? ExitCode.OK : ExitCode.INVALID_INPUT;
  }
}
