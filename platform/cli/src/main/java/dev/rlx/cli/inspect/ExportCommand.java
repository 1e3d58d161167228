package dev.rlx.cli.inspect;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rlx.cli.console.ExitCode;
import dev.rlx.cli.console.StoreSubcommand;
import dev.rlx.cli.console.StoredTarget;
import dev.rlx.cli.console.Tables;
import dev.rlx.core.store.ResultsStore;
import dev.rlx.core.store.StoredTrial;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "export",
    header = "Write every metric row of an experiment as CSV or JSON lines.",
    description = {
        "",
        "Columns: trial id, variant, seed, status, metric key, step, value, wall time (seconds",
        "since the trial started). Give the experiment's name, or a sweep id for its experiment.",
        "",
        "Examples:",
        "  rlx export td-lambda-random-walk --format csv > metrics.csv",
        "  rlx export 3 --format jsonl --output metrics.jsonl",
        ""},
    exitCodeList = {"0:exported", "2:no such experiment or sweep"})
public final class ExportCommand extends StoreSubcommand {

  enum Format { csv, jsonl }

  @Parameters(paramLabel = "EXPERIMENT|SWEEP", description = "An experiment name or a sweep id.")
  String target;

  @Option(names = "--format", paramLabel = "FORMAT", description = "csv or jsonl (default: ${DEFAULT-VALUE}).")
  Format format = Format.csv;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write here instead of standard output.")
  Path output;


  @Override
  public ExitCode call() throws Exception {
    try (ResultsStore results = ResultsStore.openExisting(store.resolve())) {
      Optional<StoredTarget> resolved = StoredTarget.resolve(results, target, err());
      if (resolved.isEmpty()) {
        return ExitCode.INVALID_INPUT;
      }
      String experiment = resolved.get().experiment();
      List<StoredTrial> trials = resolved.get().trials();
      Map<String, StoredTrial> byId = new HashMap<>();
      trials.forEach(t -> byId.put(t.trialId(), t));
      Writer writer = output == null ? out()
          : new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(output), StandardCharsets.UTF_8));
      PrintWriter out = new PrintWriter(writer);
      ObjectMapper mapper = new ObjectMapper();
      if (format == Format.csv) {
        out.println("trial_id,variant,seed,status,key,step,value,wall_time");
      }
      long[] rows = new long[1];
      results.metrics().forEach(experiment, (trialId, m) -> {
        StoredTrial t = byId.get(trialId);
        if (format == Format.csv) {
          out.println(Tables.csvRow(List.of(trialId, t.variant(), Long.toString(t.seed()), t.status().name(), m.key(),
              Long.toString(m.step()), Double.toString(m.value()), Double.toString(m.wallTime()))));
        } else {
          ObjectNode o = mapper.createObjectNode();
          o.put("trial_id", trialId).put("variant", t.variant()).put("seed", t.seed()).put("status", t.status().name())
              .put("key", m.key()).put("step", m.step()).put("value", m.value()).put("wall_time", m.wallTime());
          out.println(o);
        }
        rows[0]++;
      });
      out.flush();
      if (output != null) {
        writer.close();
        err().printf("wrote %d metric rows of %s to %s%n", rows[0], experiment, output);
      }
      return ExitCode.OK;
    }
  }
}
