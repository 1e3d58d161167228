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
 * The MLflow REST calls rlx makes, through the MLflow Java client ({@code org.mlflow:mlflow-client})
 * except for two:
 *
 * <ul>
 *   <li>Through {@link MlflowClient}'s typed API: experiment lookup and creation, runs/update
 *       (a run's end), log-batch of params and tags, run search, get run, metric history.
 *   <li>log-batch of metrics, the hot path, through the client's {@link MlflowClient#sendPost}:
 *       host, credentials, TLS and HTTP are the client's, but the request body is written
 *       straight from the store's rows ({@link MetricBatch}): the typed {@code logBatch} builds
 *       a protobuf message per point and prints the request with {@code JsonFormat}, field by
 *       field through descriptors, the part of the mirror's CPU that grows with the points
 *       (scripts/bench/mlflow.sh). The JSON is what the typed {@code logBatch} would send
 *       (proto3 JSON: a non-finite double as "NaN", "Infinity", "-Infinity").
 *   <li>runs/create, over plain HTTP ({@link HttpURLConnection}), sent once. The client sends a
 *       request answered with an error again, twice, at once ({@code MlflowHttpCaller}; no
 *       setting turns that off). For every other call that is harmless: params and tags may be
 *       logged again with the same values, a run's end again, and MLflow's SQL store keeps a
 *       metric point identical to one it has once (key, timestamp, step, value are its primary
 *       key). But a create the server applied before a proxy answered 502 would leave a second
 *       run for the trial; so rlx sends it itself, once, and resolves a create whose outcome is
 *       unknown by searching for the run's tags ({@link SweepSync}).
 *   <li>Artifact uploads, over plain HTTP: the tracking server's artifact proxy
 *       ({@code PUT /api/2.0/mlflow-artifacts/artifacts/...}), which the Java client can only
 *       reach by shelling out to Python.
 * </ul>
 *
 * <p>Every call has a deadline: a plain request through its connect and read timeouts. The
 * client's HTTP connection has none and retries 429s for up to a minute on its own; so each
 * client call runs on a helper thread, and a call past its deadline is abandoned (its client
 * closed, which aborts the connection, and a new one made) and reported as a retryable
 * failure. Errors become {@link MlflowException}s that say whether to try again.
 */
final class MlflowApi implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  /**
   * The client's shaded HTTP stack logs through java.util.logging, to the console by default
   * ("I/O exception ... Retrying request" when a call rlx abandoned is cut off). rlx reports
   * MLflow trouble itself, in one line: keep it quiet. Held here, as JUL holds loggers weakly.
   */
  private static final java.util.logging.Logger SHADED_LOGS = java.util.logging.Logger.getLogger("org.mlflow_project");

  static {
    SHADED_LOGS.setLevel(java.util.logging.Level.OFF);
  }

  private final MlflowTarget target;
  private final Duration deadline;
  private final ExecutorService calls = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "rlx-mlflow-call");
    t.setDaemon(true);
    return t;
  });
  private MlflowClient client;
  private volatile boolean closed;
  private final java.util.Set<HttpURLConnection> inFlight = java.util.concurrent.ConcurrentHashMap.newKeySet();

  MlflowApi(MlflowTarget target, Duration deadline) {
    this.target = target;
    this.deadline = deadline;
    this.client = new MlflowClient(target.hostCreds());
  }

  private synchronized MlflowClient client() {
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

  /**
   * The experiment named {@code name}, if it exists. Through {@code experiments/search}, which
   * answers 200 either way: the client sends a request answered 4xx twice more, so
   * {@code get-by-name}'s 404 for a new experiment would cost three requests.
   */
  Optional<ExperimentRef> experimentByName(String name) {
    Optional<Service.Experiment> found = name.contains("'")
        ? call("get experiment '" + name + "'", c -> c.getExperimentByName(name))
        : call("find experiment '" + name + "'", c -> c.searchExperiments("name = '" + name + "'", Service.ViewType.ALL, 10,
            List.of()).getItems().stream().filter(e -> e.getName().equals(name)).findFirst());
    return found.map(e -> new ExperimentRef(e.getExperimentId(), e.getLifecycleStage()));
  }

  String createExperiment(String name) {
    return call("create experiment '" + name + "'", c -> c.createExperiment(name));
  }

  /** A run as rlx needs it. */
  record RunRef(String runId, String experimentId, String artifactUri) {}

  /**
   * {@code runs/create}, sent once, over plain HTTP (see the class comment: the client would
   * send it again after a 5xx, and a create is not idempotent). A create whose outcome is
   * unknown is resolved by the caller searching for the run's tags.
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
   * {@code runs/log-batch} of params and tags (no metrics), each list within MLflow's limits,
   * through the client's typed {@code logBatch}.
   */
  void logBatch(String runId, List<KeyValue> params, List<KeyValue> tags) {
    List<Service.Param> paramList = new java.util.ArrayList<>(params.size());
    params.forEach(p -> paramList.add(Service.Param.newBuilder().setKey(p.key()).setValue(p.value()).build()));
    List<Service.RunTag> tagList = new java.util.ArrayList<>(tags.size());
    tags.forEach(t -> tagList.add(Service.RunTag.newBuilder().setKey(t.key()).setValue(t.value()).build()));
    call("log a batch to run " + runId, c -> {
      c.logBatch(runId, List.of(), paramList, tagList);
      return null;
    });
  }

  /**
   * {@code runs/log-batch} of metrics, through the client's {@link MlflowClient#sendPost}: the
   * request body written straight from the points (at most {@link RunParams#MAX_METRICS_PER_BATCH}),
   * with no object per point in between. Should the client send it again after a 5xx, a point
   * the server already has is not stored twice (see the class comment).
   */
  void logMetrics(String runId, MetricBatch batch) {
    String body = batch.body(runId);
    call("log a batch to run " + runId, c -> c.sendPost("runs/log-batch", body));
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
    Service.RunStatus runStatus = Service.RunStatus.valueOf(status);
    call("end run " + runId, c -> {
      c.setTerminated(runId, runStatus, endTime);
      return null;
    });
  }

  /**
   * Uploads {@code file} as {@code artifactPath} of a run whose artifact URI is
   * {@code artifactUri}, through the server's artifact proxy.
   *
   * @return false when the run's artifacts do not go through the proxy (the server was not
   *     started with artifact serving), so there is nowhere rlx can upload them
   */
  boolean putArtifact(String artifactUri, String artifactPath, Path file) {
    Optional<Path> local = LocalArtifacts.directory(artifactUri);
    if (local.isPresent()) {
      return LocalArtifacts.copy(local.get(), artifactPath, file);
    }
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

  // ---- plain HTTP: runs/create and artifact uploads

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
