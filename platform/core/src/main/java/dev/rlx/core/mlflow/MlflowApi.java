package dev.rlx.core.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.mlflow.api.proto.Service;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.MlflowClientException;
import org.mlflow.tracking.MlflowHttpException;

/**
 * The MLflow REST calls rlx makes. The calls of every sweep (experiment lookup and creation,
 * runs/create, log-batch, runs/update) and artifact uploads (the tracking server's artifact
 * proxy, {@code PUT /api/2.0/mlflow-artifacts/artifacts/...}, which the Java client can only
 * reach by shelling out to Python) go as JSON over {@link HttpURLConnection}; the real
 * {@link MlflowClient} serves the calls only recovery needs (run search, get run, metric
 * history), and is made on first use.
 *
 * <p>Why not the client for everything: it builds a protobuf message per metric point and
 * prints it to JSON by reflection ({@code JsonFormat}), loads and initialises the protobuf
 * descriptors of the whole MLflow service, and brings a shaded HTTP stack for the C1-only
 * driver to compile: together most of the CPU mirroring cost (scripts/bench/mlflow.sh). And it
 * resends a request answered 5xx (three tries, no wait), where rlx wants each log-batch sent
 * once and its outcome resolved by {@link SweepSync}. The JSON written here is what the client
 * would send (proto3 JSON: a non-finite double as "NaN", "Infinity", "-Infinity").
 * {@link HttpURLConnection} rather than {@code java.net.http.HttpClient}: a blocking call on
 * the mirror's own thread, with less machinery to load and compile (in the benchmark the JIT
 * threads' extra CPU fell from ~0.25 s to ~0.1 s a sweep), in fixed-length streaming mode,
 * so that it never resends a POST on its own either.
 *
 * <p>Every call has a deadline: a plain request through its connect and read timeouts. The
 * client's HTTP connection has none and retries 429s for up to a minute on its own; so each
 * client call runs on a helper thread, and a call past its deadline is abandoned (its client
 * closed, which aborts the connection, and a new one made) and reported as a retryable
 * failure. Errors become {@link MlflowException}s that say whether to try again.
 */
final class MlflowApi implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final MlflowTarget target;
  private final Duration deadline;
  private final ExecutorService calls = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "rlx-mlflow-call");
    t.setDaemon(true);
    return t;
  });
  /** Made on first use: most sweeps never need it. */
  private MlflowClient client;
  /**
   * The client's shaded HTTP stack logs through java.util.logging, to the console by default
   * ("I/O exception ... Retrying request" when a call rlx abandoned is cut off). rlx reports
   * MLflow trouble itself, in one line: keep it quiet. Held here, as JUL holds loggers weakly.
   */
  private java.util.logging.Logger shadedLogs;
  private volatile boolean closed;
  private final java.util.Set<HttpURLConnection> inFlight = java.util.concurrent.ConcurrentHashMap.newKeySet();

  MlflowApi(MlflowTarget target, Duration deadline) {
    this.target = target;
    this.deadline = deadline;
  }

  private synchronized MlflowClient client() {
    if (client == null) {
      shadedLogs = java.util.logging.Logger.getLogger("org.mlflow_project");
      shadedLogs.setLevel(java.util.logging.Level.OFF);
      client = new MlflowClient(target.hostCreds());
    }
    return client;
  }

  /** A param or tag. */
  record KeyValue(String key, String value) {}

  /** A point of a run's metric history, as MLflow compares points: step, timestamp, value. */
  record LoggedPoint(long step, long timestamp, double value) {}

  MlflowTarget target() {
    return target;
  }

  /** An experiment as rlx needs it. */
  record ExperimentRef(String experimentId, String lifecycleStage) {}

  /** The experiment named {@code name}, if it exists ({@code experiments/get-by-name}, 404 when not). */
  Optional<ExperimentRef> experimentByName(String name) {
    String what = "find experiment '" + name + "'";
    Answer response = send(what, "GET", api("experiments/get-by-name?experiment_name="
        + URLEncoder.encode(name, StandardCharsets.UTF_8)), null, null);
    if (response.status() == 404) {
      return Optional.empty();
    }
    JsonNode experiment = json(what, ok(what, response)).path("experiment");
    return Optional.of(new ExperimentRef(experiment.path("experiment_id").asText(), experiment.path("lifecycle_stage").asText()));
  }

  String createExperiment(String name) {
    String what = "create experiment '" + name + "'";
    ObjectNode body = JSON.createObjectNode().put("name", name);
    return json(what, ok(what, post(what, "experiments/create", body.toString()))).path("experiment_id").asText();
  }

  /** A run as rlx needs it. */
  record RunRef(String runId, String experimentId, String artifactUri) {}

  /**
   * {@code runs/create}, sent once. Creating a run is not idempotent, and the client resends a
   * request that was answered 5xx (three tries, no wait): a create the server applied before a
   * proxy answered 502 would leave a second run. So this one call goes over plain HTTP, and a
   * create whose outcome is unknown is resolved by the caller searching for the run's tags.
   */
  RunRef createRun(String experimentId, String runName, long startTime, Map<String, String> tags) {
    ObjectNode body = JSON.createObjectNode();
    body.put("experiment_id", experimentId);
    body.put("run_name", runName);
    body.put("start_time", startTime);
    ArrayNode tagList = body.putArray("tags");
    tags.forEach((k, v) -> tagList.addObject().put("key", k).put("value", v));
    String what = "create run '" + runName + "'";
    Answer response = ok(what, post(what, "runs/create", body.toString()));
    JsonNode info = json(what, response).path("run").path("info");
    String runId = info.path("run_id").asText(info.path("run_uuid").asText());
    if (runId.isEmpty()) {
      throw new MlflowException("cannot create run '" + runName + "': the answer names no run_id", true, response.status(), "", null);
    }
    return new RunRef(runId, info.path("experiment_id").asText(experimentId), info.path("artifact_uri").asText());
  }

  /** Runs of {@code experimentId} matching {@code filter}, deleted ones included. */
  List<RunRef> searchRuns(String experimentId, String filter) {
    return call("search runs", c -> c.searchRuns(List.of(experimentId), filter, Service.ViewType.ACTIVE_ONLY, 10).getItems())
        .stream().map(r -> new RunRef(r.getInfo().getRunId(), r.getInfo().getExperimentId(), r.getInfo().getArtifactUri())).toList();
  }

  RunRef getRun(String runId) {
    Service.RunInfo info = call("get run " + runId, c -> c.getRun(runId)).getInfo();
    return new RunRef(info.getRunId(), info.getExperimentId(), info.getArtifactUri());
  }

  List<LoggedPoint> metricHistory(String runId, String key) {
    return call("get the history of " + key, c -> c.getMetricHistory(runId, key)).stream()
        .map(m -> new LoggedPoint(m.getStep(), m.getTimestamp(), m.getValue())).toList();
  }

  /**
   * {@code runs/log-batch} of params and tags (no metrics), each list within MLflow's limits.
   */
  void logBatch(String runId, List<KeyValue> params, List<KeyValue> tags) {
    ObjectNode body = JSON.createObjectNode();
    body.put("run_id", runId);
    ArrayNode paramList = body.putArray("params");
    params.forEach(p -> paramList.addObject().put("key", p.key()).put("value", p.value()));
    ArrayNode tagList = body.putArray("tags");
    tags.forEach(t -> tagList.addObject().put("key", t.key()).put("value", t.value()));
    String what = "log a batch to run " + runId;
    ok(what, post(what, "runs/log-batch", body.toString()));
  }

  /**
   * {@code runs/log-batch} of metrics: the request body, written straight from the points
   * (at most {@link RunParams#MAX_METRICS_PER_BATCH}), with no object per point in between.
   */
  void logMetrics(String runId, MetricBatch batch) {
    String what = "log a batch to run " + runId;
    ok(what, post(what, "runs/log-batch", batch.body(runId)));
  }

  /** A log-batch request body of metric points, appended one by one. */
  static final class MetricBatch {
    private final StringBuilder points = new StringBuilder(64 * RunParams.MAX_METRICS_PER_BATCH);
    private int size;

    /** Adds a point; {@code key} must be a valid MLflow key (letters, digits, _ - . / and space: nothing to escape). */
    void add(String key, double value, long timestamp, long step) {
      points.append(size++ == 0 ? "{\"key\":\"" : ",{\"key\":\"");
      appendEscaped(points, key);
      points.append("\",\"value\":");
      if (Double.isFinite(value)) {
        points.append(value);
      } else {
        points.append(Double.isNaN(value) ? "\"NaN\"" : value > 0 ? "\"Infinity\"" : "\"-Infinity\"");
      }
      points.append(",\"timestamp\":").append(timestamp).append(",\"step\":").append(step).append('}');
    }

    int size() {
      return size;
    }

    String body(String runId) {
      StringBuilder body = new StringBuilder(points.length() + 64).append("{\"run_id\":\"");
      appendEscaped(body, runId);
      return body.append("\",\"metrics\":[").append(points).append("]}").toString();
    }

    private static void appendEscaped(StringBuilder out, String s) {
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c == '"' || c == '\\') {
          out.append('\\').append(c);
        } else if (c < 0x20) {
          out.append(String.format("\\u%04x", (int) c));
        } else {
          out.append(c);
        }
      }
    }
  }

  /** {@code runs/update} to a terminal status: FINISHED, FAILED or KILLED. */
  void setTerminated(String runId, String status, long endTime) {
    ObjectNode body = JSON.createObjectNode();
    body.put("run_id", runId);
    body.put("run_uuid", runId);
    body.put("status", status);
    body.put("end_time", endTime);
    String what = "end run " + runId;
    ok(what, post(what, "runs/update", body.toString()));
  }

  /**
   * Uploads {@code file} as {@code artifactPath} of a run whose artifact URI is
   * {@code artifactUri}, through the server's artifact proxy.
   *
   * @return false when the run's artifacts do not go through the proxy (the server was not
   *     started with artifact serving), so there is nowhere rlx can upload them
   */
  boolean putArtifact(String artifactUri, String artifactPath, Path file) {
    Optional<String> base = proxyPath(artifactUri);
    if (base.isEmpty()) {
      return false;
    }
    StringBuilder path = new StringBuilder(base.get());
    for (String segment : artifactPath.split("/")) {
      path.append('/').append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
    }
    URI uri = URI.create(target.display() + "/api/2.0/mlflow-artifacts/artifacts/" + path);
    if (!java.nio.file.Files.isRegularFile(file)) {
      throw new MlflowException("cannot upload " + file + ": it is gone", false, 0, "", null);
    }
    String what = "upload " + artifactPath;
    ok(what, send(what, "PUT", uri, "application/octet-stream", file));
    return true;
  }

  /** {@code <experiment>/<run>/artifacts} of {@code mlflow-artifacts:/...} or {@code mlflow-artifacts://host/...}. */
  static Optional<String> proxyPath(String artifactUri) {
    if (artifactUri == null || !artifactUri.startsWith("mlflow-artifacts:")) {
      return Optional.empty();
    }
    String rest = artifactUri.substring("mlflow-artifacts:".length());
    if (rest.startsWith("//")) {
      int slash = rest.indexOf('/', 2);
      rest = slash < 0 ? "" : rest.substring(slash);
    }
    rest = rest.replaceAll("^/+", "").replaceAll("/+$", "");
    return rest.isEmpty() ? Optional.empty() : Optional.of(rest);
  }

  // ---- plain REST calls

  /** A status and body. */
  record Answer(int status, String body) {}

  private URI api(String path) {
    return URI.create(target.display() + "/api/2.0/mlflow/" + path);
  }

  private Answer post(String what, String path, String json) {
    return send(what, "POST", api(path), "application/json", json.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Sends a request once, on the calling thread, within the deadline (to connect, and between
   * any two reads of the answer). Closing the API disconnects the requests in flight.
   *
   * @param body null, a byte[] or a Path (streamed)
   */
  private Answer send(String what, String method, URI uri, String contentType, Object body) {
    HttpURLConnection c = null;
    try {
      c = (HttpURLConnection) uri.toURL().openConnection();
      inFlight.add(c);
      if (closed) {
        throw new MlflowException("cannot " + what + ": the MLflow connection is closed", true, 0, "", null);
      }
      if (c instanceof javax.net.ssl.HttpsURLConnection https && target.insecureTls()) {
        InsecureTls.apply(https);
      }
      int millis = (int) Math.min(Integer.MAX_VALUE, deadline.toMillis());
      c.setConnectTimeout(millis);
      c.setReadTimeout(millis);
      c.setUseCaches(false);
      c.setRequestMethod(method);
      HttpURLConnection connection = c;
      target.authorization().ifPresent(a -> connection.setRequestProperty("Authorization", a));
      if (body != null) {
        c.setRequestProperty("Content-Type", contentType);
        c.setDoOutput(true);
        if (body instanceof byte[] bytes) {
          c.setFixedLengthStreamingMode(bytes.length);
          try (java.io.OutputStream out = c.getOutputStream()) {
            out.write(bytes);
          }
        } else {
          Path file = (Path) body;
          c.setFixedLengthStreamingMode(java.nio.file.Files.size(file));
          try (java.io.OutputStream out = c.getOutputStream()) {
            java.nio.file.Files.copy(file, out);
          }
        }
      }
      int status = c.getResponseCode();
      java.io.InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
      String text = "";
      if (in != null) {
        try (in) { // read to the end and close: the connection is kept alive for the next request
          text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
      }
      return new Answer(status, text);
    } catch (java.net.SocketTimeoutException e) {
      throw new MlflowException("cannot " + what + ": no answer from " + target.display() + " within " + deadline.toMillis() + " ms",
          true, 0, "", e);
    } catch (IOException | RuntimeException e) {
      if (e instanceof MlflowException m) {
        throw m;
      }
      if (closed) {
        throw new MlflowException("cannot " + what + ": the MLflow connection is closed", true, 0, "", e);
      }
      throw translate(what, e);
    } finally {
      if (c != null) {
        inFlight.remove(c);
      }
    }
  }

  private MlflowException unlessOk(String what, Answer response) {
    return response.status() / 100 == 2 ? null : failure(what, response.status(), response.body(), null);
  }

  private Answer ok(String what, Answer response) {
    MlflowException e = unlessOk(what, response);
    if (e != null) {
      throw e;
    }
    return response;
  }

  private static JsonNode json(String what, Answer response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new MlflowException("cannot " + what + ": the answer is not JSON", true, response.status(), "", e);
    }
  }

  // ---- calls through the MLflow client

  @FunctionalInterface
  interface ClientCall<T> {
    T call(MlflowClient client) throws Exception;
  }

  private <T> T call(String what, ClientCall<T> work) {
    MlflowClient c = client();
    Callable<T> task = () -> work.call(c);
    Future<T> future;
    try {
      future = calls.submit(task);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      throw new MlflowException("cannot " + what + ": the MLflow connection is closed", true, 0, "", e);
    }
    try {
      T result = future.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
      return result;
    } catch (TimeoutException e) {
      future.cancel(true);
      renewClient(c);
      throw new MlflowException("cannot " + what + ": no answer from " + target.display() + " within " + deadline.toMillis() + " ms",
          true, 0, "", e);
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new MlflowException("cannot " + what + ": interrupted", true, 0, "", e);
    } catch (ExecutionException e) {
      throw translate(what, e.getCause());
    }
  }

  /** Abandons a client whose call hangs: closing it aborts the connection. */
  private synchronized void renewClient(MlflowClient stale) {
    if (client == stale) {
      client = new MlflowClient(target.hostCreds());
      try {
        stale.close();
      } catch (RuntimeException ignored) {
        // it is being abandoned
      }
    }
  }

  private MlflowException translate(String what, Throwable e) {
    if (e instanceof MlflowException m) {
      return m;
    }
    if (e instanceof MlflowHttpException h) {
      return failure(what, h.getStatusCode(), h.getBodyMessage(), h);
    }
    if (e instanceof MlflowClientException || e instanceof IOException || e instanceof RuntimeException) {
      Throwable root = e;
      while (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
      }
      String why = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
      return new MlflowException("cannot " + what + ": " + target.display() + " is unreachable (" + why + ")", true, 0, "", e);
    }
    return new MlflowException("cannot " + what + ": " + e, true, 0, "", e);
  }

  private MlflowException failure(String what, int status, String body, Throwable cause) {
    String code = "";
    String message = body == null ? "" : body.strip();
    try {
      JsonNode error = JSON.readTree(body == null ? "" : body);
      if (error != null && error.has("error_code")) {
        code = error.path("error_code").asText();
        message = error.path("message").asText();
      }
    } catch (IOException notJson) {
      // an HTML error page from a proxy: keep the text
    }
    if (message.length() > 300) {
      message = message.substring(0, 300) + "…";
    }
    boolean retryable = status >= 500 || status == 429 || status == 408;
    return new MlflowException("cannot " + what + ": MLflow answered " + status + (code.isEmpty() ? "" : " " + code)
        + (message.isEmpty() ? "" : ": " + message), retryable, status, code, cause);
  }

  @Override
  public void close() {
    closed = true;
    inFlight.forEach(HttpURLConnection::disconnect);
    synchronized (this) {
      try {
        if (client != null) {
          client.close();
        }
      } catch (RuntimeException ignored) {
        // closing
      }
    }
    calls.shutdownNow();
  }
}
