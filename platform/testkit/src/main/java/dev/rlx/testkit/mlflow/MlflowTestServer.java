package dev.rlx.testkit.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An in-process MLflow tracking server for tests and benchmarks: the REST API 2.0 endpoints rlx
 * uses, written from MLflow's REST API documentation (request and response shapes, the
 * log-batch limits, error codes and HTTP statuses), with the artifact proxy's upload endpoint,
 * plus fault injection (down, 5xx or 429 every k-th request, slow answers).
 *
 * <p>Semantics follow the SQL-backed tracking store: a log-batch is validated as a whole and
 * applied all or nothing; a param may be logged again with the same value but not another
 * (INVALID_PARAMETER_VALUE); tags overwrite; a metric point identical to one already logged
 * (key, value, timestamp, step) is not stored twice. Errors are {@code {"error_code", "message"}}.
 */
public final class MlflowTestServer implements AutoCloseable {

  /** MLflow's limits (REST API docs: log-batch "Request Limits"; mlflow/utils/validation.py). */
  public static final int MAX_METRICS = 1000;
  public static final int MAX_PARAMS = 100;
  public static final int MAX_TAGS = 100;
  public static final int MAX_ENTITIES = 1000;
  public static final int MAX_PARAM_KEY = 250;
  public static final int MAX_TAG_VALUE = 8000;

  static {
    // Answer without Nagle's delay, as MLflow's own servers (gunicorn, uvicorn) do: otherwise
    // the body, written after the headers, waits for the client's delayed ACK (~40 ms a request).
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  /** Whether the request being handled fails after writing only part of a batch ("partial data may be written"). */
  private static final ThreadLocal<Boolean> PARTIAL = ThreadLocal.withInitial(() -> false);
  private static final String API = "/api/2.0/mlflow/";
  private static final String ARTIFACTS = "/api/2.0/mlflow-artifacts/artifacts/";

  /** A run as the server holds it. */
  public static final class Run {
    public final String runId;
    public final String experimentId;
    public String runName;
    public String status = "RUNNING";
    public final long startTime;
    public long endTime;
    public final Map<String, String> params = new LinkedHashMap<>();
    public final Map<String, String> tags = new LinkedHashMap<>();
    /** Every metric point logged, per key, in the order received. */
    public final Map<String, List<Point>> metrics = new LinkedHashMap<>();
    private final java.util.Set<Point> seen = new java.util.HashSet<>();

    Run(String runId, String experimentId, String runName, long startTime) {
      this.runId = runId;
      this.experimentId = experimentId;
      this.runName = runName;
      this.startTime = startTime;
    }

    public long metricCount() {
      return metrics.values().stream().mapToLong(List::size).sum();
    }
  }

  /** A metric point. */
  public record Point(String key, double value, long timestamp, long step) {}

  private final int port;
  private final int paramValueLimit;
  private final boolean proxyArtifacts;
  private final Map<String, String> experiments = new LinkedHashMap<>(); // id → name
  private final Map<String, Run> runs = new LinkedHashMap<>();
  private final Map<String, byte[]> artifacts = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> requests = new ConcurrentHashMap<>();
  private final AtomicLong counter = new AtomicLong();
  private final AtomicLong duplicatePoints = new AtomicLong();
  private final AtomicLong injected = new AtomicLong();
  private HttpServer server;
  private ExecutorService executor;
  private volatile int failEvery;
  private volatile int failStatus = 503;
  private volatile int slowEvery;
  private volatile long slowMillis;
  private volatile String authorization;

  private MlflowTestServer(int port, int paramValueLimit, boolean proxyArtifacts) {
    this.port = port;
    this.paramValueLimit = paramValueLimit;
    this.proxyArtifacts = proxyArtifacts;
  }

  /** A server on a free port, started. */
  public static MlflowTestServer start() throws IOException {
    return create(freePort(), 6000, true).up();
  }

  /**
   * A server on {@code port}, not started (so rlx finds nothing there until {@link #up}).
   *
   * @param paramValueLimit 6000 (MLflow 2.x) or 500 (older servers)
   * @param proxyArtifacts whether runs get {@code mlflow-artifacts:/} URIs (the default of {@code mlflow server})
   */
  public static MlflowTestServer create(int port, int paramValueLimit, boolean proxyArtifacts) {
    return new MlflowTestServer(port, paramValueLimit, proxyArtifacts);
  }

  public static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** Starts answering (again); what it held is kept. */
  public synchronized MlflowTestServer up() throws IOException {
    if (server == null) {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
      executor = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "mlflow-test-server");
        t.setDaemon(true);
        return t;
      });
      server.setExecutor(executor);
      server.createContext("/", this::handle);
      server.start();
    }
    return this;
  }

  /** Stops answering: connections are refused, as when the server is down. */
  public synchronized void down() {
    if (server != null) {
      server.stop(0);
      executor.shutdownNow();
      server = null;
    }
  }

  public String uri() {
    return "http://127.0.0.1:" + port;
  }

  /**
   * Answers every {@code k}-th request with {@code status} (0 turns it off): every other one
   * of those after applying it (of a log-batch, every fourth only its first half of metrics).
   */
  public void failEvery(int k, int status) {
    this.failEvery = k;
    this.failStatus = status;
  }

  /** Answers 401 to requests without this {@code Authorization} header (as with {@code mlflow server --app-name basic-auth}). */
  public void requireAuthorization(String header) {
    this.authorization = header;
  }

  /** Answers every {@code k}-th request {@code millis} late (0 turns it off). */
  public void slowEvery(int k, long millis) {
    this.slowEvery = k;
    this.slowMillis = millis;
  }

  // ---- what the server holds, for assertions

  public synchronized Map<String, String> experiments() {
    return new LinkedHashMap<>(experiments);
  }

  public synchronized List<Run> runs() {
    return new ArrayList<>(runs.values());
  }

  public synchronized Run run(String runId) {
    return runs.get(runId);
  }

  public Map<String, byte[]> artifacts() {
    return Map.copyOf(artifacts);
  }

  /** Requests received on an endpoint, e.g. {@code runs/log-batch}. */
  public long requests(String endpoint) {
    AtomicLong n = requests.get(endpoint);
    return n == null ? 0 : n.get();
  }

  /** Metric points received that were already stored (identical), i.e. sent more than once. */
  public long duplicatePoints() {
    return duplicatePoints.get();
  }

  /** Faults injected so far. */
  public long faultsInjected() {
    return injected.get();
  }

  public synchronized long metricPoints() {
    return runs.values().stream().mapToLong(Run::metricCount).sum();
  }

  // ---- HTTP

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getRawPath();
      byte[] body = readAll(exchange.getRequestBody());
      String endpoint = path.startsWith(API) ? path.substring(API.length())
          : path.startsWith(ARTIFACTS) ? "mlflow-artifacts" : path;
      requests.computeIfAbsent(endpoint, k -> new AtomicLong()).incrementAndGet();
      long n = counter.incrementAndGet();
      int k = failEvery;
      boolean fail = k > 0 && n % k == 0;
      boolean failAfter = fail && (n / k) % 2 == 0;
      if (fail && !failAfter) {
        injected.incrementAndGet();
        send(exchange, failStatus, error(failStatus == 429 ? "REQUEST_LIMIT_EXCEEDED" : "TEMPORARILY_UNAVAILABLE", "injected fault"));
        return;
      }
      String required = authorization;
      if (required != null && !required.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
        send(exchange, 401, error("UNAUTHENTICATED", "You are not authenticated. Please see"
            + " https://www.mlflow.org/docs/latest/auth/index.html#authenticating-to-mlflow on how to authenticate."));
        return;
      }
      Answer answer;
      PARTIAL.set(failAfter && (n / k) % 4 == 0);
      try {
        answer = route(exchange.getRequestMethod(), endpoint, path, exchange.getRequestURI().getRawQuery(), body);
      } catch (ApiError e) {
        answer = new Answer(e.status, error(e.code, e.getMessage()));
      } catch (IOException | RuntimeException e) {
        answer = new Answer(400, error("MALFORMED_REQUEST", "cannot parse the request: " + e.getMessage()));
      }
      if (failAfter) {
        injected.incrementAndGet();
        send(exchange, failStatus, error("INTERNAL_ERROR", "injected fault after applying the request"));
        return;
      }
      int s = slowEvery;
      if (s > 0 && n % s == 0) {
        injected.incrementAndGet();
        try {
          Thread.sleep(slowMillis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      send(exchange, answer.status, answer.body);
    }
  }

  private record Answer(int status, JsonNode body) {}

  private static final class ApiError extends RuntimeException {
    final int status;
    final String code;

    ApiError(int status, String code, String message) {
      super(message);
      this.status = status;
      this.code = code;
    }
  }

  private static ApiError invalid(String message) {
    return new ApiError(400, "INVALID_PARAMETER_VALUE", message);
  }

  private Answer route(String method, String endpoint, String path, String query, byte[] body) throws IOException {
    if (endpoint.equals("mlflow-artifacts")) {
      if (!method.equals("PUT")) {
        throw new ApiError(405, "BAD_REQUEST", method + " is not supported here");
      }
      String artifactPath = URLDecoder.decode(path.substring(ARTIFACTS.length()), StandardCharsets.UTF_8);
      artifacts.put(artifactPath, body);
      return ok(JSON.createObjectNode());
    }
    Map<String, String> params = query(query);
    JsonNode request = method.equals("GET") ? JSON.createObjectNode() : JSON.readTree(body.length == 0 ? "{}".getBytes() : body);
    synchronized (this) {
      return switch (method + " " + endpoint) {
        case "GET experiments/get-by-name" -> experimentByName(params.get("experiment_name"));
        case "GET experiments/get" -> experiment(params.get("experiment_id"));
        case "POST experiments/create" -> createExperiment(request);
        case "POST experiments/search" -> searchExperiments(request);
        case "POST runs/create" -> createRun(request);
        case "POST runs/update" -> updateRun(request);
        case "POST runs/log-batch" -> logBatch(request);
        case "POST runs/set-tag" -> setTag(request);
        case "POST runs/search" -> searchRuns(request);
        case "GET runs/get" -> ok(JSON.createObjectNode().set("run", runJson(run(params, "run_id"))));
        case "GET metrics/get-history" -> history(params);
        default -> throw new ApiError(404, "ENDPOINT_NOT_FOUND", "no endpoint " + method + " " + path);
      };
    }
  }

  private Answer experimentByName(String name) {
    for (Map.Entry<String, String> e : experiments.entrySet()) {
      if (e.getValue().equals(name)) {
        return ok(JSON.createObjectNode().set("experiment", experimentJson(e.getKey())));
      }
    }
    throw new ApiError(404, "RESOURCE_DOES_NOT_EXIST", "Could not find experiment with name '" + name + "'");
  }

  private static final Pattern NAME_FILTER = Pattern.compile("\\s*(?:attribute\\.)?name\\s*=\\s*'([^']*)'\\s*");

  private Answer searchExperiments(JsonNode request) {
    String filter = request.path("filter").asText("");
    int max = request.path("max_results").asInt(1000);
    if (max > 50_000) {
      throw invalid("Invalid value for parameter 'max_results' supplied. It must be at most 50000, but got value " + max);
    }
    String name = null;
    if (!filter.isBlank()) {
      Matcher m = NAME_FILTER.matcher(filter);
      if (!m.matches()) {
        throw invalid("Invalid filter '" + filter + "' (this server knows name = '...')");
      }
      name = m.group(1);
    }
    ArrayNode found = JSON.createArrayNode();
    for (String id : experiments.keySet()) {
      if ((name == null || name.equals(experiments.get(id))) && found.size() < max) {
        found.add(experimentJson(id));
      }
    }
    ObjectNode out = JSON.createObjectNode();
    if (!found.isEmpty()) {
      out.set("experiments", found);
    }
    return ok(out);
  }

  private Answer experiment(String id) {
    if (!experiments.containsKey(id)) {
      throw new ApiError(404, "RESOURCE_DOES_NOT_EXIST", "No Experiment with id=" + id + " exists");
    }
    return ok(JSON.createObjectNode().set("experiment", experimentJson(id)));
  }

  private ObjectNode experimentJson(String id) {
    ObjectNode e = JSON.createObjectNode();
    e.put("experiment_id", id);
    e.put("name", experiments.get(id));
    e.put("artifact_location", "mlflow-artifacts:/" + id);
    e.put("lifecycle_stage", "active");
    return e;
  }

  private Answer createExperiment(JsonNode request) {
    String name = request.path("name").asText("");
    if (name.isEmpty()) {
      throw invalid("Missing value for required parameter 'name'.");
    }
    if (experiments.containsValue(name)) {
      throw new ApiError(400, "RESOURCE_ALREADY_EXISTS", "Experiment '" + name + "' already exists.");
    }
    String id = Integer.toString(experiments.size() + 1);
    experiments.put(id, name);
    return ok(JSON.createObjectNode().put("experiment_id", id));
  }

  private Answer createRun(JsonNode request) {
    String experimentId = request.path("experiment_id").asText("");
    if (!experiments.containsKey(experimentId)) {
      throw new ApiError(404, "RESOURCE_DOES_NOT_EXIST", "No Experiment with id=" + experimentId + " exists");
    }
    String runId = String.format("%032x", runs.size() + 1L);
    Run run = new Run(runId, experimentId, request.path("run_name").asText(""), longValue(request.path("start_time")));
    for (JsonNode tag : request.path("tags")) {
      run.tags.put(tag.path("key").asText(), tag.path("value").asText());
    }
    if (run.runName.isEmpty()) {
      run.runName = run.tags.getOrDefault("mlflow.runName", "run-" + (runs.size() + 1));
    }
    run.tags.put("mlflow.runName", run.runName);
    runs.put(runId, run);
    return ok(JSON.createObjectNode().set("run", runJson(run)));
  }

  private Answer updateRun(JsonNode request) {
    Run run = run(request, "run_id");
    String status = request.path("status").asText("");
    if (!status.isEmpty()) {
      if (!List.of("RUNNING", "SCHEDULED", "FINISHED", "FAILED", "KILLED").contains(status)) {
        throw invalid("Invalid value '" + status + "' for parameter 'status'");
      }
      run.status = status;
    }
    if (request.has("end_time")) {
      run.endTime = longValue(request.path("end_time"));
    }
    if (request.hasNonNull("run_name")) {
      run.runName = request.path("run_name").asText();
    }
    return ok(JSON.createObjectNode().set("run_info", runInfo(run)));
  }

  private Answer logBatch(JsonNode request) {
    Run run = run(request, "run_id");
    JsonNode metrics = request.path("metrics");
    JsonNode params = request.path("params");
    JsonNode tags = request.path("tags");
    if (metrics.size() > MAX_METRICS) {
      throw invalid("A batch logging request can contain at most " + MAX_METRICS + " metrics. Got " + metrics.size() + " metrics.");
    }
    if (params.size() > MAX_PARAMS) {
      throw invalid("A batch logging request can contain at most " + MAX_PARAMS + " params. Got " + params.size() + " params.");
    }
    if (tags.size() > MAX_TAGS) {
      throw invalid("A batch logging request can contain at most " + MAX_TAGS + " tags. Got " + tags.size() + " tags.");
    }
    int total = metrics.size() + params.size() + tags.size();
    if (total > MAX_ENTITIES) {
      throw invalid("A batch logging request can contain at most " + MAX_ENTITIES + " total metrics, params, and tags. Got " + total);
    }
    // Validate everything first: a batch is applied all or nothing.
    Map<String, String> newParams = new LinkedHashMap<>();
    for (JsonNode p : params) {
      String key = p.path("key").asText("");
      String value = p.path("value").asText("");
      if (key.isEmpty() || key.length() > MAX_PARAM_KEY) {
        throw invalid("Param key '" + key + "' had length " + key.length() + ", which exceeded length limit of " + MAX_PARAM_KEY);
      }
      if (value.length() > paramValueLimit) {
        throw invalid("Param value '" + value.substring(0, 10) + "...' had length " + value.length()
            + ", which exceeded length limit of " + paramValueLimit);
      }
      String old = run.params.getOrDefault(key, newParams.get(key));
      if (old != null && !old.equals(value)) {
        throw invalid("Changing param values is not allowed. Param with key='" + key + "' was already logged with value='"
            + old + "' for run ID='" + run.runId + "'. Attempted logging new value '" + value + "'.");
      }
      newParams.put(key, value);
    }
    List<Point> points = new ArrayList<>();
    for (JsonNode m : metrics) {
      String key = m.path("key").asText("");
      if (key.isEmpty() || !m.has("value") || !m.has("timestamp")) {
        throw invalid("Metric " + m + " lacks a key, value or timestamp");
      }
      points.add(new Point(key, doubleValue(m.path("value")), longValue(m.path("timestamp")), longValue(m.path("step"))));
    }
    for (JsonNode t : tags) {
      if (t.path("value").asText("").length() > MAX_TAG_VALUE) {
        throw invalid("Tag value for key '" + t.path("key").asText() + "' exceeded length limit of " + MAX_TAG_VALUE);
      }
    }
    run.params.putAll(newParams);
    for (JsonNode t : tags) {
      run.tags.put(t.path("key").asText(), t.path("value").asText());
    }
    for (Point p : PARTIAL.get() ? points.subList(0, points.size() / 2) : points) {
      // The SQL store's primary key: (key, timestamp, step, run, value, is_nan); an identical point is kept once.
      if (run.seen.add(new Point(p.key(), Double.isNaN(p.value()) ? Double.NaN : p.value() + 0.0, p.timestamp(), p.step()))) {
        run.metrics.computeIfAbsent(p.key(), k -> new ArrayList<>()).add(p);
      } else {
        duplicatePoints.incrementAndGet();
      }
    }
    return ok(JSON.createObjectNode());
  }

  private Answer setTag(JsonNode request) {
    Run run = run(request, "run_id");
    String key = request.path("key").asText("");
    if (key.isEmpty()) {
      throw invalid("Missing value for required parameter 'key'.");
    }
    run.tags.put(key, request.path("value").asText(""));
    return ok(JSON.createObjectNode());
  }

  private static final Pattern CLAUSE = Pattern.compile(
      "\\s*(tags|tag|params|param|attributes|attribute)\\.(`[^`]+`|\"[^\"]+\"|[\\w.]+)\\s*(=|!=)\\s*'([^']*)'\\s*");

  private Answer searchRuns(JsonNode request) {
    List<String> experimentIds = new ArrayList<>();
    request.path("experiment_ids").forEach(e -> experimentIds.add(e.asText()));
    String filter = request.path("filter").asText("");
    int max = request.path("max_results").asInt(1000);
    if (max > 50_000) {
      throw invalid("Invalid value for parameter 'max_results' supplied. It must be at most 50000, but got value " + max);
    }
    List<String[]> clauses = new ArrayList<>();
    if (!filter.isBlank()) {
      for (String clause : filter.split("(?i)\\s+and\\s+")) {
        Matcher m = CLAUSE.matcher(clause);
        if (!m.matches()) {
          throw invalid("Invalid filter '" + filter + "': cannot parse '" + clause.trim() + "'");
        }
        clauses.add(new String[] {m.group(1), m.group(2).replaceAll("^[`\"]|[`\"]$", ""), m.group(3), m.group(4)});
      }
    }
    ArrayNode found = JSON.createArrayNode();
    for (Run run : runs.values()) {
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
            default -> throw invalid("Invalid attribute key '" + c[1] + "' specified.");
          };
        };
        boolean equal = c[3].equals(actual);
        match &= c[2].equals("=") == equal;
      }
      if (match) {
        found.add(runJson(run));
      }
    }
    ObjectNode out = JSON.createObjectNode();
    if (!found.isEmpty()) {
      out.set("runs", found);
    }
    return ok(out);
  }

  private Answer history(Map<String, String> params) {
    Run run = run(params, "run_id");
    String key = params.getOrDefault("metric_key", "");
    ArrayNode out = JSON.createArrayNode();
    for (Point p : run.metrics.getOrDefault(key, List.of())) {
      out.add(metricJson(p));
    }
    ObjectNode body = JSON.createObjectNode();
    if (!out.isEmpty()) {
      body.set("metrics", out);
    }
    return ok(body);
  }

  private Run run(Map<String, String> params, String name) {
    return findRun(params.getOrDefault(name, params.getOrDefault("run_uuid", "")));
  }

  private Run run(JsonNode request, String name) {
    return findRun(request.path(name).asText(request.path("run_uuid").asText("")));
  }

  private Run findRun(String runId) {
    if (runId.isEmpty()) {
      throw invalid("Missing value for required parameter 'run_id'.");
    }
    Run run = runs.get(runId);
    if (run == null) {
      throw new ApiError(404, "RESOURCE_DOES_NOT_EXIST", "Run '" + runId + "' not found");
    }
    return run;
  }

  private ObjectNode runJson(Run run) {
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

  private ObjectNode runInfo(Run run) {
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

  private static ObjectNode metricJson(Point p) {
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
          throw invalid("Got invalid value " + n + " for metric");
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
      throw invalid("Got invalid integer " + n);
    }
  }

  private static Answer ok(JsonNode body) {
    return new Answer(200, body);
  }

  private static ObjectNode error(String code, String message) {
    return JSON.createObjectNode().put("error_code", code).put("message", message);
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> out = new HashMap<>();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
              URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
    }
    return out;
  }

  private static byte[] readAll(InputStream in) throws IOException {
    return in.readAllBytes();
  }

  private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    down();
  }
}
