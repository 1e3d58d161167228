package dev.rlx.testkit.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the {@code MlflowTestServer} holds and how each endpoint changes it, following the
 * SQL-backed tracking store: a log-batch is validated as a whole and applied all or nothing; a
 * param may be logged again with the same value but not another (INVALID_PARAMETER_VALUE); tags
 * overwrite; a metric point identical to one already logged (key, value, timestamp, step) is not
 * stored twice. Each endpoint returns its answer's body or throws {@link ApiError}.
 *
 * <p>Not thread-safe: the server calls it under its lock.
 */
final class TrackingStore {

  /** MLflow's limits (REST API docs: log-batch "Request Limits"; mlflow/utils/validation.py). */
  public static final int MAX_METRICS = 1000;
  public static final int MAX_PARAMS = 100;
  public static final int MAX_TAGS = 100;
  public static final int MAX_ENTITIES = 1000;
  public static final int MAX_PARAM_KEY = 250;
  public static final int MAX_TAG_VALUE = 8000;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final int paramValueLimit;
  private final boolean proxyArtifacts;
  final Map<String, String> experiments = new LinkedHashMap<>(); // id → name
  final Map<String, MlflowRun> runs = new LinkedHashMap<>();
  final AtomicLong duplicatePoints = new AtomicLong();

  TrackingStore(int paramValueLimit, boolean proxyArtifacts) {
    this.paramValueLimit = paramValueLimit;
    this.proxyArtifacts = proxyArtifacts;
  }

  ObjectNode experimentByName(String name) {
    for (Map.Entry<String, String> e : experiments.entrySet()) {
      if (e.getValue().equals(name)) {
        return JSON.createObjectNode().set("experiment", experimentJson(e.getKey()));
      }
    }
    throw new ApiError(404, "RESOURCE_DOES_NOT_EXIST", "Could not find experiment with name '" + name + "'");
  }

  private static final Pattern NAME_FILTER = Pattern.compile("\\s*(?:attribute\\.)?name\\s*=\\s*'([^']*)'\\s*");

  ObjectNode searchExperiments(JsonNode request) {
    String filter = request.path("filter").asText("");
    int max = request.path("max_results").asInt(1000);
    if (max > 50_000) {
      throw ApiError.invalid("Invalid value for parameter 'max_results' supplied. It must be at most 50000, but got value " + max);
    }
    String name = null;
    if (!filter.isBlank()) {
      Matcher m = NAME_FILTER.matcher(filter);
      if (!m.matches()) {
        throw ApiError.invalid("Invalid filter '" + filter + "' (this server knows name = '...')");
      }
      name = m.group(1);
    }
    ArrayNode found = JSON.createArrayNode();
    for (String id : experiments.keySet()) {
      if ((name == null || name.equals(experiments.get(id))) && found.size() < max) {
        found.add(experimentJson(id));
      }
    }
    return listing("experiments", found);
  }

  ObjectNode experiment(String id) {
    if (!experiments.containsKey(id)) {
      throw new ApiError(404, "RESOURCE_DOES_NOT_EXIST", "No Experiment with id=" + id + " exists");
    }
    return JSON.createObjectNode().set("experiment", experimentJson(id));
  }

  private ObjectNode experimentJson(String id) {
    ObjectNode e = JSON.createObjectNode();
    e.put("experiment_id", id);
    e.put("name", experiments.get(id));
    e.put("artifact_location", "mlflow-artifacts:/" + id);
    e.put("lifecycle_stage", "active");
    return e;
  }

  ObjectNode createExperiment(JsonNode request) {
    String name = request.path("name").asText("");
    if (name.isEmpty()) {
      throw ApiError.invalid("Missing value for required parameter 'name'.");
    }
    if (experiments.containsValue(name)) {
      throw new ApiError(400, "RESOURCE_ALREADY_EXISTS", "Experiment '" + name + "' already exists.");
    }
    String id = Integer.toString(experiments.size() + 1);
    experiments.put(id, name);
    return JSON.createObjectNode().put("experiment_id", id);
  }

  ObjectNode createRun(JsonNode request) {
    String experimentId = request.path("experiment_id").asText("");
    if (!experiments.containsKey(experimentId)) {
      throw new ApiError(404, "RESOURCE_DOES_NOT_EXIST", "No Experiment with id=" + experimentId + " exists");
    }
    String runId = String.format("%032x", runs.size() + 1L);
    MlflowRun run = new MlflowRun(runId, experimentId, request.path("run_name").asText(""), longValue(request.path("start_time")));
    for (JsonNode tag : request.path("tags")) {
      run.tags.put(tag.path("key").asText(), tag.path("value").asText());
    }
    if (run.runName.isEmpty()) {
      run.runName = run.tags.getOrDefault("mlflow.runName", "run-" + (runs.size() + 1));
    }
    run.tags.put("mlflow.runName", run.runName);
    runs.put(runId, run);
    return JSON.createObjectNode().set("run", runJson(run));
  }

  ObjectNode updateRun(JsonNode request) {
    MlflowRun run = run(request, "run_id");
    String status = request.path("status").asText("");
    if (!status.isEmpty()) {
      if (!List.of("RUNNING", "SCHEDULED", "FINISHED", "FAILED", "KILLED").contains(status)) {
        throw ApiError.invalid("Invalid value '" + status + "' for parameter 'status'");
      }
      run.status = status;
    }
    if (request.has("end_time")) {
      run.endTime = longValue(request.path("end_time"));
    }
    if (request.hasNonNull("run_name")) {
      run.runName = request.path("run_name").asText();
    }
    return JSON.createObjectNode().set("run_info", runInfo(run));
  }

  ObjectNode logBatch(JsonNode request, boolean partial) {
    MlflowRun run = run(request, "run_id");
    JsonNode metrics = request.path("metrics");
    JsonNode params = request.path("params");
    JsonNode tags = request.path("tags");
    if (metrics.size() > MAX_METRICS) {
      throw ApiError.invalid("A batch logging request can contain at most " + MAX_METRICS + " metrics. Got " + metrics.size() + " metrics.");
    }
    if (params.size() > MAX_PARAMS) {
      throw ApiError.invalid("A batch logging request can contain at most " + MAX_PARAMS + " params. Got " + params.size() + " params.");
    }
    if (tags.size() > MAX_TAGS) {
      throw ApiError.invalid("A batch logging request can contain at most " + MAX_TAGS + " tags. Got " + tags.size() + " tags.");
    }
    int total = metrics.size() + params.size() + tags.size();
    if (total > MAX_ENTITIES) {
      throw ApiError.invalid("A batch logging request can contain at most " + MAX_ENTITIES + " total metrics, params, and tags. Got " + total);
    }
    // Validate everything first: a batch is applied all or nothing.
    Map<String, String> newParams = new LinkedHashMap<>();
    for (JsonNode p : params) {
      String key = p.path("key").asText("");
      String value = p.path("value").asText("");
      if (key.isEmpty() || key.length() > MAX_PARAM_KEY) {
        throw ApiError.invalid("Param key '" + key + "' had length " + key.length() + ", which exceeded length limit of " + MAX_PARAM_KEY);
      }
      if (value.length() > paramValueLimit) {
        throw ApiError.invalid("Param value '" + value.substring(0, 10) + "...' had length " + value.length()
            + ", which exceeded length limit of " + paramValueLimit);
      }
      String old = run.params.getOrDefault(key, newParams.get(key));
      if (old != null && !old.equals(value)) {
        throw ApiError.invalid("Changing param values is not allowed. Param with key='" + key + "' was already logged with value='"
            + old + "' for run ID='" + run.runId + "'. Attempted logging new value '" + value + "'.");
      }
      newParams.put(key, value);
    }
    List<MetricPoint> points = new ArrayList<>();
    for (JsonNode m : metrics) {
      String key = m.path("key").asText("");
      if (key.isEmpty() || !m.has("value") || !m.has("timestamp")) {
        throw ApiError.invalid("Metric " + m + " lacks a key, value or timestamp");
      }
      points.add(new MetricPoint(key, doubleValue(m.path("value")), longValue(m.path("timestamp")), longValue(m.path("step"))));
    }
    for (JsonNode t : tags) {
      if (t.path("value").asText("").length() > MAX_TAG_VALUE) {
        throw ApiError.invalid("Tag value for key '" + t.path("key").asText() + "' exceeded length limit of " + MAX_TAG_VALUE);
      }
    }
    run.params.putAll(newParams);
    for (JsonNode t : tags) {
      run.tags.put(t.path("key").asText(), t.path("value").asText());
    }
    for (MetricPoint p : partial ? points.subList(0, points.size() / 2) : points) {
      // The SQL store's primary key: (key, timestamp, step, run, value, is_nan); an identical point is kept once.
      if (run.seen.add(new MetricPoint(p.key(), Double.isNaN(p.value()) ? Double.NaN : p.value() + 0.0, p.timestamp(), p.step()))) {
        run.metrics.computeIfAbsent(p.key(), k -> new ArrayList<>()).add(p);
      } else {
        duplicatePoints.incrementAndGet();
      }
    }
    return JSON.createObjectNode();
  }

  ObjectNode setTag(JsonNode request) {
    MlflowRun run = run(request, "run_id");
    String key = request.path("key").asText("");
    if (key.isEmpty()) {
      throw ApiError.invalid("Missing value for required parameter 'key'.");
    }
    run.tags.put(key, request.path("value").asText(""));
    return JSON.createObjectNode();
  }

  private static final Pattern CLAUSE = Pattern.compile(
      "\\s*(tags|tag|params|param|attributes|attribute)\\.(`[^`]+`|\"[^\"]+\"|[\\w.]+)\\s*(=|!=)\\s*'([^']*)'\\s*");

  ObjectNode searchRuns(JsonNode request) {
    List<String> experimentIds = new ArrayList<>();
    request.path("experiment_ids").forEach(e -> experimentIds.add(e.asText()));
    String filter = request.path("filter").asText("");
    int max = request.path("max_results").asInt(1000);
    if (max > 50_000) {
      throw ApiError.invalid("Invalid value for parameter 'max_results' supplied. It must be at most 50000, but got value " + max);
    }
    List<String[]> clauses = new ArrayList<>();
    if (!filter.isBlank()) {
      for (String clause : filter.split("(?i)\\s+and\\s+")) {
        Matcher m = CLAUSE.matcher(clause);
        if (!m.matches()) {
          throw ApiError.invalid("Invalid filter '" + filter + "': cannot parse '" + clause.trim() + "'");
        }
        clauses.add(new String[] {m.group(1), m.group(2).replaceAll("^[`\"]|[`\"]$", ""), m.group(3), m.group(4)});
      }
    }
    ArrayNode found = JSON.createArrayNode();
    for (MlflowRun run : runs.values()) {
      if (!experimentIds.contains(run.experimentId) || found.size() >= max) {
        continue;
      }
      boolean match = true;
      for (String[] c : clauses) {
        String actual = switch (c[0]) {
          case "tags", "tag" -> run.tags.get(c[1]);
          case "params", "param" -> run.params.get(c[1]);
          default -> switch (c[1]) {
            case "run_id" -> run.runId;
            case "run_name" -> run.runName;
            case "status" -> run.status;
            default -> throw ApiError.invalid("Invalid attribute key '" + c[1] + "' specified.");
          };
        };
        boolean equal = c[3].equals(actual);
        match &= c[2].equals("=") == equal;
      }
      if (match) {
        found.add(runJson(run));
      }
    }
    return listing("runs", found);
  }

  ObjectNode history(Map<String, String> params) {
    MlflowRun run = run(params, "run_id");
    String key = params.getOrDefault("metric_key", "");
    ArrayNode out = JSON.createArrayNode();
    for (MetricPoint p : run.metrics.getOrDefault(key, List.of())) {
      out.add(metricJson(p));
    }
    return listing("metrics", out);
  }

  /** A response holding {@code items} as {@code field}; like MLflow's, it leaves an empty list out. */
  private static ObjectNode listing(String field, ArrayNode items) {
    ObjectNode body = JSON.createObjectNode();
    if (!items.isEmpty()) {
      body.set(field, items);
    }
    return body;
  }

  ObjectNode getRun(Map<String, String> params) {
    return JSON.createObjectNode().set("run", runJson(run(params, "run_id")));
  }

  private MlflowRun run(Map<String, String> params, String name) {
    return findRun(params.getOrDefault(name, params.getOrDefault("run_uuid", "")));
  }

  private MlflowRun run(JsonNode request, String name) {
    return findRun(request.path(name).asText(request.path("run_uuid").asText("")));
  }

  private MlflowRun findRun(String runId) {
    if (runId.isEmpty()) {
      throw ApiError.invalid("Missing value for required parameter 'run_id'.");
    }
    MlflowRun run = runs.get(runId);
    if (run == null) {
      throw new ApiError(404, "RESOURCE_DOES_NOT_EXIST", "MlflowRun '" + runId + "' not found");
    }
    return run;
  }

  private ObjectNode runJson(MlflowRun run) {
    ObjectNode out = JSON.createObjectNode();
    out.set("info", runInfo(run));
    ObjectNode data = out.putObject("data");
    ArrayNode metrics = data.putArray("metrics");
    run.metrics.values().forEach(h -> metrics.add(metricJson(h.get(h.size() - 1))));
    ArrayNode params = data.putArray("params");
    run.params.forEach((k, v) -> params.addObject().put("key", k).put("value", v));
    ArrayNode tags = data.putArray("tags");
    run.tags.forEach((k, v) -> tags.addObject().put("key", k).put("value", v));
    return out;
  }

  private ObjectNode runInfo(MlflowRun run) {
    ObjectNode info = JSON.createObjectNode();
    info.put("run_id", run.runId);
    info.put("run_uuid", run.runId);
    info.put("run_name", run.runName);
    info.put("experiment_id", run.experimentId);
    info.put("user_id", "rlx");
    info.put("status", run.status);
    info.put("start_time", run.startTime);
    if (run.endTime > 0) {
      info.put("end_time", run.endTime);
    }
    info.put("artifact_uri", proxyArtifacts ? "mlflow-artifacts:/" + run.experimentId + "/" + run.runId + "/artifacts"
        : "/tmp/mlruns/" + run.experimentId + "/" + run.runId + "/artifacts");
    info.put("lifecycle_stage", "active");
    return info;
  }

  private static ObjectNode metricJson(MetricPoint p) {
    ObjectNode m = JSON.createObjectNode();
    m.put("key", p.key());
    if (Double.isFinite(p.value())) {
      m.put("value", p.value());
    } else {
      m.put("value", Double.isNaN(p.value()) ? "NaN" : p.value() > 0 ? "Infinity" : "-Infinity");
    }
    m.put("timestamp", p.timestamp());
    m.put("step", p.step());
    return m;
  }

  /** A proto3-JSON double: a number, or "NaN", "Infinity", "-Infinity" (or a numeric string). */
  private static double doubleValue(JsonNode n) {
    if (n.isNumber()) {
      return n.asDouble();
    }
    return switch (n.asText()) {
      case "NaN" -> Double.NaN;
      case "Infinity" -> Double.POSITIVE_INFINITY;
      case "-Infinity" -> Double.NEGATIVE_INFINITY;
      default -> {
        try {
          yield Double.parseDouble(n.asText());
        } catch (NumberFormatException e) {
          throw ApiError.invalid("Got invalid value " + n + " for metric");
        }
      }
    };
  }

  /** A proto3-JSON int64: a number or a numeric string. */
  private static long longValue(JsonNode n) {
    if (n.isMissingNode() || n.isNull()) {
      return 0;
    }
    if (n.isNumber()) {
      return n.asLong();
    }
    try {
      return Long.parseLong(n.asText());
    } catch (NumberFormatException e) {
      throw ApiError.invalid("Got invalid integer " + n);
    }
  }
}
