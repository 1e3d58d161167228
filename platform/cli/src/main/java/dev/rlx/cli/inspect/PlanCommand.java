package dev.rlx.cli.inspect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rlx.cli.console.ExitCode;
import dev.rlx.cli.console.Tables;
import dev.rlx.core.plan.ExperimentPlan;
import dev.rlx.core.plan.ExperimentPlanner;
import dev.rlx.core.plan.PlanResult;
import dev.rlx.sweeps.Assignment;
import dev.rlx.sweeps.TrialSpec;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "plan",
    header = "List the trials a spec's sweep expands to, without running them.",
    description = {
        "",
        "Each trial has a stable id: a hash of its resolved configuration (environment,",
        "algorithm with every parameter, budget, evaluation, seed). The same spec always",
        "gives the same ids in the same order. Order: variants × grid × zip × random × seeds.",
        "",
        "Examples:",
        "  rlx plan experiments/gae-lambda.yaml",
        "  rlx plan experiments/gae-lambda.yaml --format csv > trials.csv",
        "  rlx plan experiments/gae-lambda.yaml --format json   (includes resolved configs)",
        ""},
    exitCodeList = {"0:planned", "2:the spec is invalid"})
public final class PlanCommand extends SpecSubcommand {

  enum Format { table, json, csv }

  @Parameters(paramLabel = "SPEC", description = "Spec file (YAML).")
  Path file;

  @Option(names = "--format", paramLabel = "FORMAT", description = "table, json or csv (default: ${DEFAULT-VALUE}).")
  Format format = Format.table;

  @Option(names = "--max-trials", paramLabel = "N", description = "Refuse sweeps larger than N trials (default: ${DEFAULT-VALUE}).")
  long maxTrials = ExperimentPlanner.DEFAULT_MAX_TRIALS;

  @Option(names = "--stats", description = "Print how long planning took (parse, validate, expand) to stderr.")
  boolean stats;

  @Inject
  PlanCommand(ExperimentPlanner planner) {
    super(planner);
  }

  @Override
  public ExitCode call() throws Exception {
    long start = System.nanoTime();
    PlanResult result = plan(file, maxTrials);
    if (stats) {
      err().printf("planned %d trials in %.1f ms (parse, schema, plugin checks, expansion, per-trial validation)%n",
          result.plan().map(p -> p.trials().size()).orElse(0), (System.nanoTime() - start) / 1e6);
    }
    if (!result.ok()) {
      printProblems(file, result);
      return ExitCode.INVALID_INPUT;
    }
    ExperimentPlan plan = result.plan().orElseThrow();
    PrintWriter out = out();
    switch (format) {
      case table -> table(plan, out);
      case csv -> csv(plan, out);
      case json -> json(plan, out);
    }
    out.flush();
    return ExitCode.OK;
  }

  private static void table(ExperimentPlan plan, PrintWriter out) {
    List<String> headers = new ArrayList<>(List.of("#", "id"));
    if (plan.hasVariants()) {
      headers.add("variant");
    }
    List<String> columns = columnNames(plan.sweptPaths());
    headers.addAll(columns);
    boolean match = plan.spec().match().isPresent();
    if (match) { // a game: whom the entrant plays, who moves first, and the game's number (its seed)
      headers.addAll(List.of("opponent", "first"));
    }
    headers.add(match ? "game" : "seed");
    List<List<String>> rows = new ArrayList<>();
    for (TrialSpec trial : plan.trials()) {
      List<String> row = new ArrayList<>(List.of(Integer.toString(trial.index()), trial.id()));
      if (plan.hasVariants()) {
        row.add(trial.variant());
      }
      Map<String, JsonNode> swept = swept(trial);
      for (String path : plan.sweptPaths()) {
        row.add(text(swept.get(path)));
      }
      if (match) {
        row.add(trial.config().path("match").path("opponent").asText());
        row.add(trial.config().path("match").path("agent_moves_first").asBoolean() ? "agent" : "opponent");
      }
      row.add(Long.toString(trial.seed()));
      rows.add(row);
    }
    out.println(plan.name() + ": " + summary(plan));
    out.println();
    Tables.print(headers, rows, out);
    out.println();
    out.println(plan.trials().size() + (match ? " games" : " trial" + (plan.trials().size() == 1 ? "" : "s")));
  }

  private static String summary(ExperimentPlan plan) {
    List<String> parts = new ArrayList<>();
    long variants = plan.trials().stream().map(TrialSpec::variant).distinct().count();
    if (plan.hasVariants()) {
      parts.add(variants + " variants");
    }
    for (String path : plan.sweptPaths()) {
      long n = plan.trials().stream().map(t -> swept(t).get(path)).distinct().count();
      parts.add(n + " × " + path);
    }
    long seeds = plan.trials().stream().map(TrialSpec::seed).distinct().count();
    if (plan.spec().match().isPresent()) {
      long entrants = plan.trials().stream().map(t -> t.config().path("match").path("agent").asText()).distinct().count();
      long pairings = plan.trials().stream().map(t -> t.config().path("match").path("agent").asText() + "\u0000"
          + t.config().path("match").path("opponent").asText()).distinct().count();
      parts.add(entrants + " entrant" + (entrants == 1 ? "" : "s") + ", " + pairings + " pairings × " + seeds + " games");
      return String.join(", ", parts);
    }
    parts.add(seeds + " seed" + (seeds == 1 ? "" : "s"));
    return String.join(", ", parts);
  }

  private static void csv(ExperimentPlan plan, PrintWriter out) {
    List<String> header = new ArrayList<>(List.of("index", "id", "variant"));
    header.addAll(plan.sweptPaths());
    header.add("seed");
    out.println(Tables.csvRow(header));
    for (TrialSpec trial : plan.trials()) {
      List<String> row = new ArrayList<>(List.of(Integer.toString(trial.index()), trial.id(), trial.variant()));
      Map<String, JsonNode> swept = swept(trial);
      plan.sweptPaths().forEach(p -> row.add(text(swept.get(p))));
      row.add(Long.toString(trial.seed()));
      out.println(Tables.csvRow(row));
    }
  }

  private static void json(ExperimentPlan plan, PrintWriter out) throws Exception {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    root.put("experiment", plan.name());
    root.put("spec", plan.document().file());
    root.put("spec_hash", plan.specHash());
    root.put("count", plan.trials().size());
    ArrayNode swept = root.putArray("swept_paths");
    plan.sweptPaths().forEach(swept::add);
    ArrayNode trials = root.putArray("trials");
    for (TrialSpec trial : plan.trials()) {
      ObjectNode t = trials.addObject();
      t.put("index", trial.index());
      t.put("id", trial.id());
      t.put("variant", trial.variant());
      ObjectNode values = t.putObject("swept");
      for (Assignment a : trial.assignments()) {
        if (a.operator() != Assignment.Operator.VARIANT) {
          values.set(a.path(), a.value());
        }
      }
      t.put("seed", trial.seed());
      t.set("config", trial.config());
    }
    out.println(mapper.writeValueAsString(root));
  }

  /** Column titles: the last path segment, unless two swept paths share it. */
  private static List<String> columnNames(List<String> paths) {
    Map<String, Integer> counts = new HashMap<>();
    paths.forEach(p -> counts.merge(last(p), 1, Integer::sum));
    return paths.stream().map(p -> counts.get(last(p)) > 1 ? p : last(p)).toList();
  }

  private static String last(String path) {
    return path.substring(path.lastIndexOf('.') + 1);
  }

  private static Map<String, JsonNode> swept(TrialSpec trial) {
    Map<String, JsonNode> values = new HashMap<>();
    trial.assignments().forEach(a -> values.put(a.path(), a.value()));
    return values;
  }

  private static String text(JsonNode value) {
    if (value == null) {
      return "";
    }
    if (value.isFloatingPointNumber()) {
      double d = value.asDouble();
      String s = Double.toString(d);
      return s.length() > 10 ? String.format("%.6g", d) : s;
    }
    return value.isTextual() ? value.asText() : value.toString();
  }
}
