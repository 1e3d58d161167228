package dev.rlx.core.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 * The MLflow REST calls rlx makes: through the real {@link MlflowClient} for tracking, and
 * through the tracking server's artifact proxy ({@code PUT /api/2.0/mlflow-artifacts/artifacts/...})
 * for files, which the Java client can only upload by shelling out to Python.
 *
 * <p>Every call has a deadline. The client's HTTP connection has no timeouts and retries 429s
 * for up to a minute on its own; so each call runs on a helper thread, and a call past its
 * deadline is abandoned (its client closed, which aborts the connection, and a new one made)
 * and reported as a retryable failure. Errors become {@link MlflowException}s that say
 * whether to try again.
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
  private final HttpClient http;
  private volatile MlflowClient client;

  MlflowApi(MlflowTarget target, Duration deadline) {
    this.target = target;
    this.deadline = deadline;
    this.client = new MlflowClient(target.hostCreds());
    this.http = HttpClient.newBuilder().connectTimeout(deadline).executor(calls).build();
  }

  MlflowTarget target() {
    return target;
  }

  /**
   * The experiment named {@code name}, if it exists. Through {@code experiments/search}, which
   * answers 200 either way: the client sends each request answered 4xx twice more, so
   * {@code get-by-name}'s 404 for a new experiment would cost three requests.
   */
  Optional<Service.Experiment> experimentByName(String name) {
    if (name.contains("'")) {
      return call("get experiment '" + name + "'", c -> c.getExperimentByName(name));
    }
    return call("find experiment '" + name + "'", c -> c.searchExperiments("name = '" + name + "'", Service.ViewType.ALL, 10,
        List.of()).getItems().stream().filter(e -> e.getName().equals(name)).findFirst());
  }

  String createExperiment(String name) {
    return call("create experiment '" + name + "'", c -> c.createExperiment(name));
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
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target.display() + "/api/2.0/mlflow/runs/create"))
        .timeout(deadline).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
    target.authorization().ifPresent(a -> request.header("Authorization", a));
    return call("create run '" + runName + "'", c -> {
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 != 2) {
        throw failure("create run '" + runName + "'", response.statusCode(), response.body(), null);
      }
      JsonNode info = JSON.readTree(response.body()).path("run").path("info");
      String runId = info.path("run_id").asText(info.path("run_uuid").asText());
      if (runId.isEmpty()) {
        throw new MlflowException("cannot create run '" + runName + "': the answer names no run_id", true, response.statusCode(), "", null);
      }
      return new RunRef(runId, info.path("experiment_id").asText(experimentId), info.path("artifact_uri").asText());
    });
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

  List<Service.Metric> metricHistory(String runId, String key) {
    return call("get the history of " + key, c -> c.getMetricHistory(runId, key));
  }

  void logBatch(String runId, List<Service.Metric> metrics, List<Service.Param> params, List<Service.RunTag> tags) {
    call("log a batch to run " + runId, c -> {
      c.logBatch(runId, metrics, params, tags);
      return null;
    });
  }

  void setTerminated(String runId, Service.RunStatus status, long endTime) {
    call("end run " + runId, c -> {
      c.setTerminated(runId, status, endTime);
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
    Optional<String> base = proxyPath(artifactUri);
    if (base.isEmpty()) {
      return false;
    }
    StringBuilder path = new StringBuilder(base.get());
    for (String segment : artifactPath.split("/")) {
      path.append('/').append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
    }
    URI uri = URI.create(target.display() + "/api/2.0/mlflow-artifacts/artifacts/" + path);
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(deadline).header("Content-Type", "application/octet-stream");
    target.authorization().ifPresent(a -> request.header("Authorization", a));
    try {
      request.PUT(HttpRequest.BodyPublishers.ofFile(file));
    } catch (java.io.FileNotFoundException e) {
      throw new MlflowException("cannot upload " + file + ": it is gone", false, 0, "", e);
    }
    call("upload " + artifactPath, c -> {
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 != 2) {
        throw failure("upload " + artifactPath, response.statusCode(), response.body(), null);
      }
      return null;
    });
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

  @FunctionalInterface
  interface ClientCall<T> {
    T call(MlflowClient client) throws Exception;
  }

  private <T> T call(String what, ClientCall<T> work) {
    MlflowClient c = client;
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
    try {
      client.close();
    } catch (RuntimeException ignored) {
      // closing
    }
    calls.shutdownNow();
  }
}
