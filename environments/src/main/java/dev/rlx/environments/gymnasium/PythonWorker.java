package dev.rlx.environments.gymnasium;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One Python process of the bridge, hosting a block of environment copies and answering the
 * protocol that {@code rlx_gymnasium_worker.py} documents. Requests are written whole, then
 * answers awaited, so several workers step at once. Every wait has a deadline that
 * {@link Watchdog} enforces: a worker that stops answering gets SIGUSR1 (it dumps its Python
 * stacks to stderr), then SIGKILL, and the wait fails with that stack. What the worker writes to
 * stderr goes to a log file (in the trial's run directory), whose last lines errors quote.
 */
final class PythonWorker implements AutoCloseable {

  private static final int STDERR_LINES = 80;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String label;
  private final Process process;
  private final InputStream in;
  private final OutputStream out;
  /** Where the worker's stderr goes: what the environment prints, warnings, tracebacks, stack dumps. */
  private final Path log;
  /** How long {@link #await} polls for the answer (yielding the core) before it blocks on the pipe. */
  private final long spinNanos;
  /** System.nanoTime() by which the awaited answer is due; Long.MAX_VALUE while nothing is awaited. */
  private volatile long deadline = Long.MAX_VALUE;
  private volatile boolean killedAsHung;
  private byte[] request = new byte[64];
  private JsonNode spaces;

  private PythonWorker(String label, Process process, Path log, long spinNanos) {
    this.spinNanos = spinNanos;
    this.label = label + " (pid " + process.pid() + ")";
    this.process = process;
    this.in = process.getInputStream();
    this.out = process.getOutputStream();
    this.log = log;
  }

  /**
   * Starts {@code python script}, sends the environment's config and returns the worker with the
   * spaces it reports, or fails with what the user must do (a package to install, an unknown id).
   */
  static PythonWorker start(String python, Path script, String label, Path log, JsonNode config, long startTimeoutNanos,
      long spinNanos, Watchdog watchdog) {
    Process process;
    try {
      ProcessBuilder builder = new ProcessBuilder(python, script.toString()).redirectError(log.toFile());
      builder.environment().put("PYTHONUNBUFFERED", "1"); // stderr lines reach the log as they are written
      builder.environment().put("PYTHONDONTWRITEBYTECODE", "1");
      process = builder.start();
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot start Python '" + python + "' (" + e.getMessage()
          + "): set RLX_PYTHON or environment.params.python to a Python with gymnasium installed"
          + " (scripts/gymnasium/setup-venv.sh makes one)", e);
    }
    PythonWorker worker = new PythonWorker(label, process, log, spinNanos);
    watchdog.watch(worker);
    try {
      byte[] json = JSON.writeValueAsBytes(config);
      worker.ensureRequest(4 + json.length);
      ByteBuffer.wrap(worker.request).order(ByteOrder.LITTLE_ENDIAN).putInt(json.length).put(json);
      worker.send(4 + json.length);
      byte[] answer = worker.awaitFrame("its start (import gymnasium, gym.make)", startTimeoutNanos);
      worker.spaces = JSON.readTree(answer);
      return worker;
    } catch (IOException | RuntimeException e) {
      worker.close();
      throw e instanceof RuntimeException r ? r : new IllegalStateException(worker.label + ": " + e.getMessage(), e);
    }
  }

  /** The handshake: {"observation": {...}, "action": {...}}. */
  JsonNode spaces() {
    return spaces;
  }

  /** A buffer of at least {@code bytes} for {@link #send}. */
  byte[] ensureRequest(int bytes) {
    if (request.length < bytes) {
      request = new byte[bytes];
    }
    return request;
  }

  /** Writes the first {@code length} bytes of the request buffer. */
  void send(int length) {
    try {
      out.write(request, 0, length);
      out.flush();
    } catch (IOException e) {
      throw died("a request", e);
    }
  }

  /**
   * Reads an answer of {@code length} bytes after its status byte into {@code into}; a worker's
   * error, death or silence past {@code timeoutNanos} fails with its own words.
   */
  void await(String what, byte[] into, int length, long timeoutNanos) {
    try {
      begin(what, timeoutNanos);
      spinUntilReadable();
      int status = in.read();
      if (status != 0) {
        failWith(what, status);
      }
      if (in.readNBytes(into, 0, length) != length) {
        throw died(what, null);
      }
    } catch (IOException e) {
      throw died(what, e);
    } finally {
      deadline = Long.MAX_VALUE;
    }
  }

  /**
   * Polls the pipe for up to {@link #spinNanos}: an answer that comes within it is read without
   * the wake-up of a blocked thread, which costs tens of µs per step when the worker runs on
   * another core of a virtual machine. Yields the core between polls, so it only spends time no
   * other thread wants.
   */
  private void spinUntilReadable() throws IOException {
    if (spinNanos <= 0) {
      return;
    }
    long until = System.nanoTime() + spinNanos;
    while (in.available() == 0 && System.nanoTime() - until < 0) {
      Thread.yield();
    }
  }

  private byte[] awaitFrame(String what, long timeoutNanos) throws IOException {
    try {
      begin(what, timeoutNanos);
      int status = in.read();
      if (status != 0) {
        failWith(what, status);
      }
      return frame(what);
    } finally {
      deadline = Long.MAX_VALUE;
    }
  }

  private void begin(String what, long timeoutNanos) {
    deadline = System.nanoTime() + timeoutNanos;
  }

  /** Status 1: a Python traceback; 2: a one-line message for the user; -1: the pipe closed. */
  private void failWith(String what, int status) throws IOException {
    if (status < 0) {
      throw died(what, null);
    }
    String text = new String(frame(what), StandardCharsets.UTF_8).strip();
    if (status == 2) {
      throw new IllegalArgumentException(text);
    }
    throw new IllegalStateException(label + " raised during " + what + ":\n" + text);
  }

  private byte[] frame(String what) throws IOException {
    byte[] size = in.readNBytes(4);
    if (size.length < 4) {
      throw died(what, null);
    }
    int n = ByteBuffer.wrap(size).order(ByteOrder.LITTLE_ENDIAN).getInt();
    byte[] data = in.readNBytes(n);
    if (data.length < n) {
      throw died(what, null);
    }
    return data;
  }

  /** The failure of a worker that stopped answering: hung (killed by the watchdog) or dead, with its last stderr lines. */
  private IllegalStateException died(String what, Exception cause) {
    try {
      process.waitFor(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    String state = killedAsHung
        ? "did not answer " + what + " in time and was killed; its Python stacks when it was stopped"
        : process.isAlive() ? "stopped answering during " + what
        : "died during " + what + " (exit code " + process.exitValue() + ")";
    return new IllegalStateException(label + " " + state + ":\n" + stderrText(), cause);
  }

  /** Called by the watchdog: kills a worker whose answer is overdue, after asking for its stacks. */
  void killIfOverdue(long now) {
    if (now - deadline <= 0 || !process.isAlive()) {
      return;
    }
    killedAsHung = true;
    try {
      new ProcessBuilder("kill", "-USR1", Long.toString(process.pid())).start().waitFor(2, TimeUnit.SECONDS);
      Thread.sleep(500); // faulthandler writes the stacks at once
    } catch (IOException e) {
      // no kill(1): no stacks, still killed below
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    destroy();
  }

  /** The last lines of the worker's stderr log, for an error message. */
  private String stderrText() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return lines.isEmpty() ? "(it wrote nothing to stderr)"
          : String.join("\n", lines.subList(Math.max(0, lines.size() - STDERR_LINES), lines.size()))
              + "\n(its whole stderr: " + log + ")";
    } catch (IOException e) {
      return "(its stderr log " + log + " cannot be read: " + e.getMessage() + ")";
    }
  }

  boolean alive() {
    return process.isAlive();
  }

  long pid() {
    return process.pid();
  }

  /** Asks the worker to exit, then makes sure it and anything it started are gone. */
  @Override
  public void close() {
    if (process.isAlive()) {
      try {
        out.write('C');
        out.flush();
        out.close();
        process.waitFor(2, TimeUnit.SECONDS);
      } catch (IOException e) {
        // already gone or going
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    destroy();
  }

  private void destroy() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      process.waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return label;
  }
}
