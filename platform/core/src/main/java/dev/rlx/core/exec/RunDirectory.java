package dev.rlx.core.exec;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rlx.core.store.MetricRow;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What a worker process and its driver exchange through a trial's run directory: the files the
 * worker leaves ({@code result.json}, {@code metrics.tsv}, its logs), written atomically, and how
 * the driver reads the trial's outcome back from them. Kept apart from both sides, so neither
 * the worker nor the launchers depend on each other.
 */
public final class RunDirectory {

  public static final String RESULT = "result.json";
  public static final String METRICS = "metrics.tsv";
  public static final String STDOUT = "stdout.log";
  public static final String STDERR = "stderr.log";

  private static final ObjectMapper MAPPER = new ObjectMapper();
  /** rlx's own bookkeeping: never reported as the trial's artifacts. */
  private static final Set<String> OWN = Set.of(TrialTicket.FILE, RESULT, METRICS, LiveMetrics.FILE, STDOUT, STDERR);

  private RunDirectory() {}

  static void writeMetrics(Path runDir, List<MetricRow> rows) throws IOException {
    Path tmp = runDir.resolve(METRICS + ".tmp");
    try (BufferedWriter out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      for (MetricRow row : rows) {
        writeRow(out, row);
      }
    }
    Files.move(tmp, runDir.resolve(METRICS), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** A metric row as a line of metrics.tsv (and of the live file): key, step, value, wall seconds, tab-separated. */
  static void writeRow(java.io.Writer out, MetricRow row) throws IOException {
    out.write(row.key());
    out.write('\t');
    out.write(Long.toString(row.step()));
    out.write('\t');
    out.write(Double.toString(row.value()));
    out.write('\t');
    out.write(Double.toString(row.wallTime()));
    out.write('\n');
  }

  /** The row of one line written by {@link #writeRow} (without its newline). */
  static MetricRow parseRow(String line) {
    String[] f = line.split("\t");
    if (f.length != 4) {
      throw new IllegalArgumentException("not a metric row (key, step, value, wall time): " + line);
    }
    return new MetricRow(f[0], Long.parseLong(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3]));
  }

  static List<MetricRow> readMetrics(Path runDir) throws IOException {
    List<MetricRow> rows = new ArrayList<>();
    Path file = runDir.resolve(METRICS);
    if (!Files.exists(file)) {
      return rows;
    }
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        rows.add(parseRow(line));
      }
    }
    return rows;
  }

  static void writeResult(Path runDir, String status, String error, String trace, long durationMs) throws IOException {
    ObjectNode result = MAPPER.createObjectNode();
    result.put("status", status);
    result.put("duration_ms", durationMs);
    if (error != null) {
      result.put("error", error);
      result.put("trace", trace);
    }
    Path tmp = runDir.resolve(RESULT + ".tmp");
    MAPPER.writeValue(tmp.toFile(), result);
    Files.move(tmp, runDir.resolve(RESULT), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** The duration the worker measured for the trial, from its result.json. */
  public static Optional<Long> durationMs(Path runDir) {
    try {
      ObjectNode result = readResult(runDir);
      return result == null || !result.has("duration_ms") ? Optional.empty() : Optional.of(result.path("duration_ms").asLong());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  static ObjectNode readResult(Path runDir) throws IOException {
    Path file = runDir.resolve(RESULT);
    return Files.exists(file) ? (ObjectNode) MAPPER.readTree(file.toFile()) : null;
  }

  static TrialResult collect(Path runDir, int exitCode) {
    try {
      ObjectNode result = readResult(runDir);
      if (exitCode == 0 && result != null && result.path("status").asText().equals("COMPLETED")) {
        return TrialResult.completed(readMetrics(runDir), artifacts(runDir));
      }
      if (result != null && result.has("error")) {
        return TrialResult.failed(result.path("error").asText(), result.path("trace").asText());
      }
      String stderr = tail(runDir.resolve(STDERR), 20);
      // -XX:+ExitOnOutOfMemoryError reports on stdout.
      String output = tail(runDir.resolve(STDOUT), 20) + "\n" + stderr;
      String lastLine = output.strip().isEmpty() ? "" : output.strip().substring(output.strip().lastIndexOf('\n') + 1);
      String why = output.contains("OutOfMemoryError") ? "ran out of memory (OutOfMemoryError; raise resources.memory)"
          : exitCode > 128 ? "was killed by signal " + (exitCode - 128)
          : "exited with code " + exitCode + (lastLine.isEmpty() ? "" : ": " + lastLine);
      return TrialResult.failed("the worker process " + why, output.strip());
    } catch (IOException e) {
      return TrialResult.failed("cannot read the worker's results: " + e.getMessage(), TrialResult.trace(e));
    }
  }

  /** The files a trial left in its run directory, except rlx's own bookkeeping. */
  static Map<String, Path> artifacts(Path runDir) {
    Map<String, Path> out = new LinkedHashMap<>();
    if (!Files.isDirectory(runDir)) {
      return out;
    }
    try (Stream<Path> files = Files.walk(runDir)) {
      files.filter(Files::isRegularFile).sorted().forEach(f -> {
        String name = runDir.relativize(f).toString();
        if (!OWN.contains(name) && !name.endsWith(".tmp")) {
          out.put(name, f);
        }
      });
    } catch (IOException e) {
      // A run directory we cannot list has no artifacts we can record.
    }
    return out;
  }

  private static String tail(Path file, int lines) {
    try {
      List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "";
    }
  }
}
