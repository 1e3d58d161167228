package dev.rlx.testkit.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

/**
 * An in-process MLflow tracking server for tests and benchmarks: the REST API 2.0 endpoints rlx
 * uses, written from MLflow's REST API documentation (request and response shapes, the
 * log-batch limits, error codes and HTTP statuses), with the artifact proxy's upload endpoint,
 * plus fault injection (down, 5xx or 429 every k-th request, slow answers). What it holds, and
 * the semantics of each endpoint, are the {@link TrackingStore}'s. Errors are
 * {@code {"error_code", "message"}}.
 */
public final class MlflowTestServer implements AutoCloseable {

  static {
    // Answer without Nagle's delay, as MLflow's own servers (gunicorn, uvicorn) do: otherwise
    // the body, written after the headers, waits for the client's delayed ACK (~40 ms a request).
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String API = "/api/2.0/mlflow/";
  private static final String ARTIFACTS = "/api/2.0/mlflow-artifacts/artifacts/";

  private final int port;
  /** What the server holds; read and changed only under this server's lock. */
  private final TrackingStore tracking;
  private final Map<String, byte[]> artifacts = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> requests = new ConcurrentHashMap<>();
  private final AtomicLong counter = new AtomicLong();
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
    this.tracking = new TrackingStore(paramValueLimit, proxyArtifacts);
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
    return new LinkedHashMap<>(tracking.experiments);
  }

  public synchronized List<MlflowRun> runs() {
    return new ArrayList<>(tracking.runs.values());
  }

  public synchronized MlflowRun run(String runId) {
    return tracking.runs.get(runId);
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
    return tracking.duplicatePoints.get();
  }

  /** Faults injected so far. */
  public long faultsInjected() {
    return injected.get();
  }

  public synchronized long metricPoints() {
    return tracking.runs.values().stream().mapToLong(MlflowRun::metricCount).sum();
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
      boolean partial = failAfter && (n / k) % 4 == 0;
      try {
        answer = route(exchange.getRequestMethod(), endpoint, path, exchange.getRequestURI().getRawQuery(), body, partial);
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

  /** {@code partial}: the request fails after writing only part of a batch ("partial data may be written"). */
  private Answer route(String method, String endpoint, String path, String query, byte[] body, boolean partial)
      throws IOException {
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
      return ok(switch (method + " " + endpoint) {
        case "GET experiments/get-by-name" -> tracking.experimentByName(params.get("experiment_name"));
        case "GET experiments/get" -> tracking.experiment(params.get("experiment_id"));
        case "POST experiments/create" -> tracking.createExperiment(request);
        case "POST experiments/search" -> tracking.searchExperiments(request);
        case "POST runs/create" -> tracking.createRun(request);
        case "POST runs/update" -> tracking.updateRun(request);
        case "POST runs/log-batch" -> tracking.logBatch(request, partial);
        case "POST runs/set-tag" -> tracking.setTag(request);
        case "POST runs/search" -> tracking.searchRuns(request);
        case "GET runs/get" -> tracking.getRun(params);
        case "GET metrics/get-history" -> tracking.history(params);
        default -> throw new ApiError(404, "ENDPOINT_NOT_FOUND", "no endpoint " + method + " " + path);
      });
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
