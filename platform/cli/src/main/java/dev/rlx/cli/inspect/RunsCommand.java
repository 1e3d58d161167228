package dev.rlx.cli.inspect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rlx.cli.console.ExitCode;
import dev.rlx.cli.console.StoreSubcommand;
import dev.rlx.cli.console.StoredTarget;
import dev.rlx.cli.console.Tables;
import dev.rlx.core.store.MetricRow;
import dev.rlx.core.store.ResultsStore;
import dev.rlx.core.store.StoredTrial;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "runs",
    header = "List an experiment's trials: swept values, status, final and best metrics.",
    description = {
        "",
        "One row per trial. For each metric, 'final' is its value at the last step logged and",
        "'best' its largest value. --where filters on a dotted path of the resolved config,",
        "or on status, variant, seed or id.",
        "",
        "Examples:",
        "  rlx runs td-lambda-random-walk",
        "  rlx runs td-lambda-random-walk --where algorithm.params.lambda=0.8 --metric rms_error",
        "  rlx runs cliff-walking --where status=FAILED --format json",
        ""},
    exitCodeList = {"0:listed", "2:no trials of that experiment, or a bad --where"})
public final class RunsCommand extends StoreSubcommand {

  enum Format { table, csv, json }

  @Parameters(paramLabel = "EXPERIMENT", description = "The experiment's name (the spec's `name`), or a sweep id.")
  String experiment;

  @Option(names = "--where", paramLabel = "PATH=VALUE", description = "Keep trials whose value at PATH equals VALUE (repeatable).")
  List<String> where = new ArrayList<>();

  @Option(names = "--metric", paramLabel = "KEY", description = "Metrics to show (repeatable; default: all, or the first four in a table).")
  List<String> metrics = new ArrayList<>();

  @Option(names = "--format", paramLabel = "FORMAT", description = "table, csv or json (default: ${DEFAULT-VALUE}).")
  Format format = Format.table;


  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Override
  public ExitCode call() throws Exception {
    PrintWriter out = out();
    Map<String, String> filters = new LinkedHashMap<>();
    for (String w : where) {
      int eq = w.indexOf('=');
      if (eq <= 0) {
        err().println("rlx: --where takes PATH=VALUE, e.g. algorithm.params.lambda=0.8; got: " + w);
        return ExitCode.INVALID_INPUT;
      }
      filters.put(w.substring(0, eq), w.substring(eq + 1));
    }
    try (ResultsStore results = ResultsStore.openExisting(store.resolve())) {
      java.util.Optional<StoredTarget> resolved = StoredTarget.resolve(results, experiment, err());
      if (resolved.isEmpty()) {
        return ExitCode.INVALID_INPUT;
      }
      List<StoredTrial> trials = resolved.get().trials();
      List<Row> rows = new ArrayList<>();
      TreeSet<String> keys = new TreeSet<>();
      TreeSet<String> sweptPaths = new TreeSet<>();
      for (StoredTrial t : trials) {
        JsonNode config = MAPPER.readTree(t.configJson());
        if (!matches(t, config, filters)) {
          continue;
        }
        Map<String, double[]> summary = new LinkedHashMap<>(); // key → {final step, final value, best}
        for (MetricRow m : results.metrics().of(t.pk())) {
          double[] s = summary.computeIfAbsent(m.key(), k -> new double[] {Long.MIN_VALUE, Double.NaN, Double.NEGATIVE_INFINITY});
          if (m.step() >= s[0]) {
            s[0] = m.step();
            s[1] = m.value();
          }
          s[2] = Math.max(s[2], m.value());
        }
        keys.addAll(summary.keySet());
        ObjectNode swept = (ObjectNode) MAPPER.readTree(t.sweptJson());
        swept.fieldNames().forEachRemaining(sweptPaths::add);
        rows.add(new Row(t, swept, summary));
      }
      List<String> all = metrics.isEmpty() ? new ArrayList<>(keys) : metrics;
      List<String> shown = format == Format.table && metrics.isEmpty() && all.size() > 4 ? all.subList(0, 4) : all;
      switch (format) {
        case json -> json(rows, shown, out);
        case csv -> {
          List<String> header = header(sweptPaths, shown);
          out.println(Tables.csvRow(header));
          rows.forEach(r -> out.println(Tables.csvRow(cells(r, sweptPaths, shown, false))));
        }
        case table -> {
          List<List<String>> cells = new ArrayList<>();
          rows.forEach(r -> cells.add(cells(r, sweptPaths, shown, true)));
          Tables.print(header(sweptPaths, shown), cells, out);
          out.printf("%n%d of %d trials%s%n", rows.size(), trials.size(), keys.size() > shown.size()
              ? "; metrics not shown (use --metric): " + String.join(", ", keys.stream().filter(k -> !shown.contains(k)).toList()) : "");
        }
      }
      return ExitCode.OK;
    }
  }

  private record Row(StoredTrial trial, ObjectNode swept, Map<String, double[]> metrics) {}

  private static List<String> header(TreeSet<String> sweptPaths, List<String> metrics) {
    List<String> header = new ArrayList<>(List.of("#", "id", "variant"));
    header.addAll(sweptPaths);
    header.addAll(List.of("seed", "status"));
    for (String k : metrics) {
      header.add(k + " final");
      header.add(k + " best");
    }
    return header;
  }

  private static List<String> cells(Row r, TreeSet<String> sweptPaths, List<String> metrics, boolean pretty) {
    StoredTrial t = r.trial();
    List<String> cells = new ArrayList<>(List.of(Integer.toString(t.index()), t.trialId(), t.variant()));
    for (String p : sweptPaths) {
      JsonNode v = r.swept().get(p);
      cells.add(v == null ? "" : v.isTextual() ? v.asText() : v.isNumber() && pretty ? Tables.number(v.asDouble()) : v.toString());
    }
    cells.add(Long.toString(t.seed()));
    cells.add(t.status().name());
    for (String k : metrics) {
      double[] s = r.metrics().get(k);
      cells.add(s == null ? "" : pretty ? Tables.number(s[1]) : Double.toString(s[1]));
      cells.add(s == null ? "" : pretty ? Tables.number(s[2]) : Double.toString(s[2]));
    }
    return cells;
  }

  private static void json(List<Row> rows, List<String> metrics, PrintWriter out) throws Exception {
    ArrayNode array = MAPPER.createArrayNode();
    for (Row r : rows) {
      StoredTrial t = r.trial();
      ObjectNode o = array.addObject();
      o.put("index", t.index());
      o.put("id", t.trialId());
      o.put("variant", t.variant());
      o.put("seed", t.seed());
      o.put("status", t.status().name());
      o.put("attempts", t.attempts());
      o.put("device", t.device());
      if (t.durationMs() != null) {
        o.put("duration_ms", t.durationMs());
      }
      if (t.error() != null) {
        o.put("error", t.error());
      }
      o.set("swept", r.swept());
      ObjectNode m = o.putObject("metrics");
      for (String k : metrics) {
        double[] s = r.metrics().get(k);
        if (s != null) {
          ObjectNode km = m.putObject(k);
          km.put("final_step", (long) s[0]);
          km.put("final", s[1]);
          km.put("best", s[2]);
        }
      }
      o.set("config", MAPPER.readTree(t.configJson()));
    }
    out.println(MAPPER.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(array));
  }

  private static boolean matches(StoredTrial t, JsonNode config, Map<String, String> filters) {
    for (Map.Entry<String, String> f : filters.entrySet()) {
      String actual = switch (f.getKey()) {
        case "status" -> t.status().name();
        case "variant" -> t.variant();
        case "seed" -> Long.toString(t.seed());
        case "id" -> t.trialId();
        default -> {
          JsonNode node = config;
          for (Iterator<String> it = List.of(f.getKey().split("\\.")).iterator(); it.hasNext(); ) {
            node = node.path(it.next());
          }
          if (node.isMissingNode()) {
            yield null;
          }
          if (node.isNumber()) {
            try {
              yield Double.parseDouble(f.getValue()) == node.asDouble() ? f.getValue() : node.asText();
            } catch (NumberFormatException e) {
              yield node.asText();
            }
          }
          yield node.asText();
        }
      };
      if (actual == null || !actual.equalsIgnoreCase(f.getValue())) {
        return false;
      }
    }
    return true;
  }
}
