package dev.rlx.cli;

import dev.rlx.core.plan.ExperimentPlan;
import dev.rlx.core.plan.ExperimentPlanner;
import dev.rlx.core.plan.PlanResult;
import dev.rlx.core.report.CheckResult;
import dev.rlx.core.report.ExpectChecker;
import dev.rlx.core.report.StoredMetrics;
import dev.rlx.core.store.ResultsStore;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "report",
    header = "Check a spec's published claims (`expect`) on its stored results.",
    description = {
        "",
        "Summarises each trial's curve of the claim's metric (final, auc, best or mean), groups",
        "the trials by the claim's `by` (averaging over seeds, and over other swept values or",
        "taking the best over `best_over`), and prints ✓ or ✗ with the numbers behind it.",
        "Writes the group statistics (n, mean, std, 95% CI) to aggregates.csv.",
        "Figures and the HTML page are not part of this version yet.",
        "",
        "Examples:",
        "  rlx report experiments/cliff-walking.yaml",
        "  rlx report experiments/cliff-walking.yaml --check   exit 1 if a claim fails",
        ""},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:reported (and with --check, every claim held)", "1:with --check, a claim failed",
        "2:the spec is invalid"},
    mixinStandardHelpOptions = true)
final class ReportCommand implements Callable<Integer> {

  @Parameters(paramLabel = "SPEC", description = "Spec file (YAML) whose results to report.")
  Path file;

  @Option(names = "--check", description = "Exit with 1 when a claim does not hold.")
  boolean check;

  @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "Where to write aggregates.csv (default: .rlx/reports/EXPERIMENT).")
  Path output;

  @Mixin
  StoreOption store;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  private final ExperimentPlanner planner;

  @Inject
  ReportCommand(ExperimentPlanner planner) {
    this.planner = planner;
  }

  @Override
  public Integer call() throws Exception {
    PlanResult result = planner.plan(file, SpecFiles.shownAs(file), Long.MAX_VALUE);
    if (!result.ok()) {
      result.problems().forEach(p -> spec.commandLine().getErr().println(p.render()));
      return RlxCommand.INVALID_INPUT;
    }
    ExperimentPlan plan = result.plan().orElseThrow();
    try (ResultsStore results = ResultsStore.open(store.resolve())) {
      boolean allHeld = report(plan, results, spec.commandLine().getOut(),
          output != null ? output : Path.of(".rlx", "reports", plan.name()));
      return check && !allHeld ? RlxCommand.RUNTIME_FAILURE : RlxCommand.OK;
    }
  }

  /** Prints the checks and writes the aggregates; returns whether every claim held. */
  static boolean report(ExperimentPlan plan, ResultsStore results, PrintWriter out, Path directory) throws Exception {
    ExpectChecker checker = new ExpectChecker(new StoredMetrics(results, plan.name()));
    var expect = plan.document().root().path("expect");
    if (expect.isEmpty()) {
      out.println(plan.name() + ": the spec states no claim (`expect`) to check");
      return true;
    }
    out.println(plan.name() + ": checking " + expect.size() + " claim" + (expect.size() == 1 ? "" : "s")
        + plan.document().root().path("reference").path("citation").asText("").transform(c -> c.isEmpty() ? "" : " of " + c));
    List<CheckResult> checks = checker.check(plan);
    checks.forEach(c -> out.println(c.render()));
    List<String> csv = new ArrayList<>(List.of("check,metric,summary,by,group,n,mean,std,ci95"));
    for (int i = 0; i < expect.size(); i++) {
      ExpectChecker.GroupedResult grouped = checker.groups(plan, expect.get(i));
      for (ExpectChecker.Group g : grouped.groups()) {
        csv.add(Tables.csvRow(List.of(Integer.toString(i), grouped.metric(), grouped.summary().label(),
            grouped.by() == null ? "" : grouped.by(), g.label(), Integer.toString(g.statistics().n()),
            Double.toString(g.statistics().mean()), Double.toString(g.statistics().std()), Double.toString(g.statistics().ci95()))));
      }
    }
    Files.createDirectories(directory);
    Path aggregates = directory.resolve("aggregates.csv");
    Files.write(aggregates, csv, StandardCharsets.UTF_8);
    long held = checks.stream().filter(CheckResult::passed).count();
    out.printf("%d of %d claims held; group statistics in %s%n", held, checks.size(), aggregates);
    return held == checks.size();
  }
}
