package dev.rlx.cli.inspect;

import dev.rlx.cli.console.SpecFiles;
import dev.rlx.cli.console.Subcommand;
import dev.rlx.core.plan.ExperimentPlanner;
import dev.rlx.core.plan.PlanResult;
import dev.rlx.core.spec.Problem;
import java.io.PrintWriter;
import java.nio.file.Path;

/** A command that plans the spec files it is given (validate, plan), and says why one does not plan. */
abstract class SpecSubcommand extends Subcommand {

  private final ExperimentPlanner planner;

  SpecSubcommand(ExperimentPlanner planner) {
    this.planner = planner;
  }

  /** Plans {@code file}, refusing more than {@code maxTrials} trials; problems name it as the user wrote it. */
  PlanResult plan(Path file, long maxTrials) {
    return planner.plan(file, SpecFiles.shownAs(file), maxTrials);
  }

  /** Prints each problem of a spec that did not plan, then the line that counts them. */
  void printProblems(Path file, PlanResult result) {
    PrintWriter err = err();
    for (Problem problem : result.problems()) {
      err.println(problem.render());
    }
    err.printf("FAIL %s: %d problem%s%n", file, result.problems().size(), result.problems().size() == 1 ? "" : "s");
  }
}
