package dev.rlx.testkit.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A real MLflow tracking server the tests read back from over its REST API: the one
 * {@code scripts/mlflow/local-mlflow.sh} starts (as {@code .ci/run} does), named by
 * {@code RLX_MLFLOW_REAL_URI}. Runs come back as {@link MlflowRun}s with their full metric
 * histories, so tests assert on a real server as they do on {@link MlflowTestServer}.
 */
public final class RealMlflowServer {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final String uri;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private RealMlflowServer(String uri) {
    this.uri = uri;
  }

  /** The server named by {@code RLX_MLFLOW_REAL_URI}, if it is set and answers /health. */
  public static Optional<RealMlflowServer> fromEnvironment() {
    String uri = System.getenv("RLX_MLFLOW_REAL_URI");
    if (uri == null || uri.isBlank()) {
      return Optional.empty();
    }
    RealMlflowServer server = new RealMlflowServer(uri.replaceAll("/+$", ""));
    return server.healthy() ? Optional.of(server) : Optional.empty();
  }

  /** Why {@link #fromEnvironment} found none, for a skip message. */
  public static String whyNone() {
    String uri = System.getenv("RLX_MLFLOW_REAL_URI");
    return uri == null || uri.isBlank()
        ? "no real MLflow server: start one with `eval \"$(scripts/mlflow/local-mlflow.sh start)\"` (sets RLX_MLFLOW_REAL_URI)"
        : "the MLflow server at RLX_MLFLOW_REAL_URI=" + uri + " does not answer /health";
  }

  public String uri() {
    return uri;
  }

  /**
   * A server of the test's own on {@code port} (fresh data), through {@code script}
   * (scripts/mlflow/local-mlflow.sh), for a test that takes it down and up again; empty where the
   * shared recipe is absent. {@link #stop} it at the end.
   */
  public static Optional<RealMlflowServer> startPrivate(java.nio.file.Path script, int port) throws IOException, InterruptedException {
    return startPrivate(script, port, java.util.Map.of());
  }

  /** As {@link #startPrivate(java.nio.file.Path, int)}, with the recipe's knobs in {@code env} (e.g. MLFLOW_ARTIFACTS=local). */
  public static Optional<RealMlflowServer> startPrivate(java.nio.file.Path script, int port, java.util.Map<String, String> env)
      throws IOException, InterruptedException {
    if (!script(script, "start", port, env)) {
      return Optional.empty();
    }
    RealMlflowServer server = new RealMlflowServer("http://127.0.0.1:" + port);
    server.script = script;
    server.port = port;
    server.env = env;
    return Optional.of(server);
  }

  private java.nio.file.Path script;
  private int port;
  private java.util.Map<String, String> env = java.util.Map.of();

  /** The data directory of a private server (its sqlite file, and artifacts/ for a local artifact root). */
  public java.nio.file.Path dataDirectory() {
    return java.nio.file.Path.of("/tmp/rlx-mlflow-" + port);
  }

  /** Stops a private server (an outage: its data stays). */
  public void stop() throws IOException, InterruptedException {
    script(script, "stop", port, env);
  }

  /** Starts a stopped private server again, with its data (about 5 s). */
  public void resume() throws IOException, InterruptedException {
    if (!script(script, "resume", port, env)) {
      throw new IllegalStateException("the MLflow server on port " + port + " did not start again");
    }
  }

  private static boolean script(java.nio.file.Path script, String command, int port, java.util.Map<String, String> env)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder("bash", script.toString(), command, Integer.toString(port)).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    builder.environment().putAll(env);
    builder.environment().remove("MLFLOW_DATA"); // the script's own per-port directory
    Process p = builder.start();
    return p.waitFor() == 0;
  }

  private boolean healthy() {
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(uri + "/health")).timeout(Duration.ofSeconds(5)).build(),
          HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The id of the experiment named {@code name}, if there is one. */
  public Optional<String> experimentId(String name) {
    JsonNode answer = get("experiments/get-by-name?experiment_name=" + URLEncoder.encode(name, StandardCharsets.UTF_8), true);
    return answer == null ? Optional.empty() : Optional.of(answer.path("experiment").path("experiment_id").asText());
  }

  /** Every run of the experiment, with its params, tags and full metric histories. */
  public List<MlflowRun> runs(String experimentId) {
    List<MlflowRun> out = new ArrayList<>();
    String token = null;
    do {
      ObjectNode body = JSON.createObjectNode();
      body.putArray("experiment_ids").add(experimentId);
      body.put("max_results", 1000);
      if (token != null) {
        body.put("page_token", token);
      }
      JsonNode page = post("runs/search", body);
      for (JsonNode r : page.path("runs")) {
        out.add(run(r));
      }
      token = page.path("next_page_token").asText(null);
    } while (token != null && !token.isEmpty());
    return out;
  }

  /** The artifact paths at {@code path} of a run (one level, as the UI lists them). */
  public List<String> artifacts(String runId, String path) {
    JsonNode answer = get("artifacts/list?run_id=" + runId + (path.isEmpty() ? "" : "&path=" + URLEncoder.encode(path,
        StandardCharsets.UTF_8)), false);
    List<String> out = new ArrayList<>();
    answer.path("files").forEach(f -> out.add(f.path("path").asText()));
    return out;
  }

  private MlflowRun run(JsonNode r) {
    JsonNode info = r.path("info");
    MlflowRun run = new MlflowRun(info.path("run_id").asText(), info.path("experiment_id").asText(), info.path("run_name").asText(),
        info.path("start_time").asLong());
    run.status = info.path("status").asText();
    run.endTime = info.path("end_time").asLong();
    r.path("data").path("params").forEach(p -> run.params.put(p.path("key").asText(), p.path("value").asText()));
    r.path("data").path("tags").forEach(t -> run.tags.put(t.path("key").asText(), t.path("value").asText()));
    for (JsonNode m : r.path("data").path("metrics")) {
      String key = m.path("key").asText();
      List<MetricPoint> points = new ArrayList<>();
      JsonNode history = get("metrics/get-history?run_id=" + run.runId + "&max_results=25000&metric_key="
          + URLEncoder.encode(key, StandardCharsets.UTF_8), false);
      history.path("metrics").forEach(p -> points.add(new MetricPoint(key, p.path("value").asDouble(), p.path("timestamp").asLong(),
          p.path("step").asLong())));
      run.metrics.put(key, points);
    }
    return run;
  }

  private JsonNode get(String path, boolean absentIsNull) {
    return send(HttpRequest.newBuilder(URI.create(uri + "/api/2.0/mlflow/" + path)).GET(), absentIsNull);
  }

  private JsonNode post(String path, JsonNode body) {
    return send(HttpRequest.newBuilder(URI.create(uri + "/api/2.0/mlflow/" + path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString())), false);
  }

  private JsonNode send(HttpRequest.Builder request, boolean absentIsNull) {
    try {
      HttpResponse<String> r = http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
      if (absentIsNull && r.statusCode() == 404) {
        return null;
      }
      if (r.statusCode() != 200) {
        throw new IllegalStateException("MLflow answered " + r.statusCode() + ": " + r.body());
      }
      return JSON.readTree(r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
