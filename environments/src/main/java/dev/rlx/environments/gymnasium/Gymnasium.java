package dev.rlx.environments.gymnasium;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rlx.api.BatchedEnvironment;
import dev.rlx.api.EnvironmentFactory;
import dev.rlx.api.EnvironmentName;
import dev.rlx.api.TrialContext;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * Any Gymnasium environment, {@code gymnasium:<id>} in a spec, run by Python worker processes
 * and seen by rlx's algorithms as a Java vectorised environment: Discrete actions make a
 * {@link dev.rlx.api.VectorEnvironment}, a Box a {@link dev.rlx.api.ContinuousActionVectorEnvironment},
 * with Gymnasium's own semantics (termination vs truncation, same-step autoreset with the
 * final observation kept, copy i seeded {@code seed + i}). {@link #open()} starts one worker to
 * read the spaces; every copy made from it ({@code copy()}, for evaluation) has workers of its
 * own while it is open — an evaluation's copy, closed after it, hands them back for the next —
 * and {@link #close()} ends them all.
 */
public final class Gymnasium implements EnvironmentFactory {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final GymnasiumParams params;
  private final EnvironmentName name;
  private final List<PythonWorker> workers = new ArrayList<>();
  private Watchdog watchdog;
  private Path script;
  private Spaces spaces;
  /**
   * Workers no copy holds now: the one {@link #open()} started to read the spaces, and those of
   * closed copies (an evaluation's), handed to the next copy's reset instead of a new process.
   */
  private final Deque<PythonWorker> idle = new ArrayDeque<>();
  private boolean closed;
  private int started;

  /** Where each worker's stderr is written, {@code worker-<k>.log}. */
  private final Path logs;
  /** Whether {@link #logs} is a scratch directory of this bridge's, removed by {@link #close()}. */
  private final boolean scratchLogs;

  /** A trial's environment: the workers' stderr logs are kept in its run directory, {@code gymnasium/}. */
  @Inject
  public Gymnasium(GymnasiumParams params, EnvironmentName name, TrialContext trial) {
    this(params, name, trial.runDirectory().resolve("gymnasium"), false);
  }

  /** Outside a trial (tests, benchmarks): the workers' logs live in a scratch directory until {@link #close()}. */
  public Gymnasium(GymnasiumParams params, EnvironmentName name) {
    this(params, name, null, true);
  }

  private Gymnasium(GymnasiumParams params, EnvironmentName name, Path logs, boolean scratch) {
    this.params = params;
    this.name = name;
    try {
      this.logs = scratch ? Files.createTempDirectory("rlx-gymnasium-logs") : Files.createDirectories(logs);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the Gymnasium workers' log directory: " + e.getMessage(), e);
    }
    this.scratchLogs = scratch;
  }

  @Override
  public synchronized BatchedEnvironment open() {
    if (spaces == null) {
      script = WorkerScript.extract();
      watchdog = new Watchdog(name.member());
      PythonWorker first = startWorker();
      spaces = Spaces.of(first.spaces());
      idle.push(first);
    }
    return newCopies();
  }

  @Override
  public String describeOpened() {
    return spaces == null ? "no spaces yet (not opened)" : spaces.describe();
  }

  /** A new set of copies with workers of their own (started at its first reset). */
  GymnasiumCopies newCopies() {
    return spaces.discrete() ? new GymnasiumDiscrete(this, spaces) : new GymnasiumBox(this, spaces);
  }

  /** A worker for a copy: an idle one if there is one, else a new process. */
  synchronized PythonWorker worker() {
    if (closed) {
      throw new IllegalStateException(name.id() + ": the environment was closed at the end of its trial");
    }
    PythonWorker reused = idle.poll();
    return reused != null ? reused : startWorker();
  }

  /**
   * Takes back a worker a copy no longer needs (the copy was closed, or reset with fewer copies):
   * idle for the next copy while it lives; its envs are reset with the next copy's seeds, which
   * makes them as good as new.
   */
  synchronized void release(PythonWorker worker) {
    if (!closed && worker.alive()) {
      idle.push(worker);
      return;
    }
    workers.remove(worker);
    watchdog.forget(worker);
    worker.close();
  }

  private PythonWorker startWorker() {
    ObjectNode config = JsonNodeFactory.instance.objectNode();
    config.put("id", name.member());
    config.set("kwargs", JSON.valueToTree(params.makeKwargs()));
    config.put("max_episode_steps", params.maxEpisodeSteps());
    config.put("clip_actions", params.clipActions());
    config.put("spin_wait_us", params.spinWait());
    config.set("python_path", JSON.valueToTree(params.pythonPath().isBlank() ? List.of()
        : Arrays.stream(params.pythonPath().split(":")).filter(p -> !p.isBlank())
            .map(p -> Path.of(p).toAbsolutePath().toString()).toList()));
    int index = started++;
    PythonWorker worker = PythonWorker.start(python(), script, name.id() + " worker " + index,
        logs.resolve("worker-" + index + ".log"), config, nanos(params.startTimeout()), params.spinWait() * 1000L, watchdog);
    workers.add(worker);
    return worker;
  }

  /** The Python to run: the spec's, else $RLX_PYTHON, else python3 on the PATH. */
  String python() {
    if (!params.python().isBlank()) {
      return params.python();
    }
    String fromEnvironment = System.getenv("RLX_PYTHON");
    return fromEnvironment != null && !fromEnvironment.isBlank() ? fromEnvironment : "python3";
  }

  long answerTimeoutNanos() {
    return nanos(params.answerTimeout());
  }

  int workerCount() {
    return params.workers();
  }

  String id() {
    return name.id();
  }

  /** Where the workers' stderr logs are (tests). */
  Path logDirectory() {
    return logs;
  }

  /** The workers alive now (tests: no process outlives its trial). */
  synchronized List<Long> workerPids() {
    return workers.stream().filter(PythonWorker::alive).map(PythonWorker::pid).toList();
  }

  private static long nanos(double seconds) {
    return (long) Math.min(seconds * 1e9, Long.MAX_VALUE / 4);
  }

  @Override
  public synchronized void close() {
    closed = true;
    workers.forEach(PythonWorker::close);
    workers.clear();
    idle.clear();
    if (watchdog != null) {
      watchdog.close();
    }
    if (scratchLogs) {
      try (var files = Files.list(logs)) {
        for (Path file : files.toList()) {
          Files.deleteIfExists(file);
        }
        Files.deleteIfExists(logs);
      } catch (IOException e) {
        // a scratch directory under $TMPDIR: left for the system to clean
      }
    }
  }
}
