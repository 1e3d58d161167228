package dev.rlx.cli.inspect;

import dev.rlx.cli.console.ExitCode;
import dev.rlx.cli.console.SpecFiles;
import dev.rlx.cli.console.StoreSubcommand;
import dev.rlx.core.plan.ExperimentPlan;
import dev.rlx.core.plan.ExperimentPlanner;
import dev.rlx.core.plan.PlanResult;
import dev.rlx.core.report.CheckResult;
import dev.rlx.core.report.ExperimentReport;
import dev.rlx.core.store.ResultsStore;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "report",
    header = "Check a spec's published claims and draw its figures from its stored results.",
    description = {
        "",
        "Summarises each trial's curve of the claim's metric (final, auc, best or mean), groups",
        "the trials by the claim's `by` (averaging over seeds, and over other swept values or",
        "taking the best over `best_over`), and prints ✓ or ✗ with the numbers behind it.",
        "Draws each `report.figures` entry (PNG and SVG: a line per group, 95%% CI bands) and",
        "writes the group statistics (n, mean, std, 95%% CI) to aggregates.csv and an HTML page",
        "with the verdicts, figures, spec and provenance to index.html. `rlx sweep` writes the",
        "same report when it ends.",
        "",
        "Examples:",
        "  rlx report experiments/cliff-walking.yaml",
        "  rlx report experiments/cliff-walking.yaml --check   exit 1 if a claim fails",
        ""},
    exitCodeList = {"0:reported (and with --check, every claim held)", "1:with --check, a claim failed",
        "2:the spec is invalid"})
public final class ReportCommand extends StoreSubcommand {

  @Parameters(paramLabel = "SPEC", description = "Spec file (YAML) whose results to report.")
  Path file;

  @Option(names = "--check", description = "Exit with 1 when a claim does not hold.")
  boolean check;

  @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "Where to write the report (default: .rlx/reports/EXPERIMENT).")
  Path output;


  private final ExperimentPlanner planner;

  @Inject
  ReportCommand(ExperimentPlanner planner) {
    this.planner = planner;
  }

  @Override
  public ExitCode call() throws Exception {
    PlanResult result = planner.plan(file, SpecFiles.shownAs(file), Long.MAX_VALUE);
    if (!result.ok()) {
      result.problems().forEach(p -> err().println(p.render()));
      return ExitCode.INVALID_INPUT;
    }
    ExperimentPlan plan = result.plan().orElseThrow();
    try (ResultsStore results = ResultsStore.openExisting(store.resolve())) {
      boolean allHeld = report(plan, results, out(),
          output != null ? output : Path.of(".rlx", "reports", plan.name()));
      return check && !allHeld ? ExitCode.RUNTIME_FAILURE : ExitCode.OK;
    }
  }

  /** Writes the report, prints the verdicts and where the files are; returns whether every claim held. */
  public static boolean report(ExperimentPlan plan, ResultsStore results, PrintWriter out, Path directory) throws Exception {
    ExperimentReport.Outcome outcome = ExperimentReport.write(plan, results, directory);
    if (outcome.checks().isEmpty()) {
      out.println(plan.name() + ": the spec states no claim (`expect`) to check");
    } else {
      out.println(plan.name() + ": checking " + outcome.checks().size() + " claim" + (outcome.checks().size() == 1 ? "" : "s")
          + plan.spec().reference().map(r -> r.citation()).orElse("").transform(c -> c.isEmpty() ? "" : " of " + c));
      outcome.checks().forEach(c -> out.println(c.render()));
      out.printf("%d of %d claims held%n", outcome.checks().stream().filter(CheckResult::passed).count(), outcome.checks().size());
    }
    out.printf("report: %s (%d figure%s, PNG and SVG; group statistics in %s)%n", outcome.html(), outcome.figures().size(),
        outcome.figures().size() == 1 ? "" : "s", outcome.aggregates().getFileName());
    return outcome.allHeld();
  }
}
