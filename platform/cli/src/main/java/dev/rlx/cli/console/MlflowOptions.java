package dev.rlx.cli.console;

import dev.rlx.core.mlflow.MlflowSettings;
import dev.rlx.core.mlflow.MlflowSync;
import dev.rlx.core.mlflow.MlflowTarget;
import dev.rlx.core.mlflow.SyncResult;
import dev.rlx.core.exec.SweepRunner;
import dev.rlx.core.store.ResultsStore;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --mlflow-uri}: which MLflow tracking server to mirror to. */
public final class MlflowOptions {

  @Option(names = "--mlflow-uri", paramLabel = "URI",
      description = "MLflow tracking server, e.g. http://127.0.0.1:5000 (default: $" + MlflowTarget.URI_ENV + ").")
  public String uri;

  @Option(names = "--mlflow-timeout", paramLabel = "DURATION", hidden = true,
      description = "Deadline of one MLflow request (default: 10s).")
  String timeout;

  /** The server named by the option, else by the environment, else {@code recorded}. */
  public Optional<MlflowTarget> target(Optional<String> recorded) {
    return MlflowTarget.resolve(Optional.ofNullable(uri), env(), recorded);
  }

  public MlflowSettings settings() {
    MlflowSettings d = MlflowSettings.DEFAULT;
    return timeout == null ? d
        : new MlflowSettings(SweepRunner.parseDuration(timeout), d.poll(), d.backoff(), d.maxBackoff(), d.finishWait());
  }

  public static Map<String, String> env() {
    return System.getenv();
  }

  /**
   * Marks INTERRUPTED the sweeps whose driver is gone from this host (killed: it could not say
   * so itself), says so, and closes their MLflow runs (KILLED, with an end time) on the server
   * each was mirrored to, with the credentials of the environment; a server that cannot be
   * reached now leaves that to `rlx mlflow sync`.
   */
  public static void closeAbandoned(ResultsStore results, MlflowSettings settings, PrintWriter out, PrintWriter err)
      throws InterruptedException {
    for (long id : results.sweeps().closeAbandoned()) {
      Optional<MlflowSync.Recorded> recorded = MlflowSync.recorded(results.url(), id);
      out.printf("sweep %d%s: its driver is gone (killed?): marked INTERRUPTED; a re-run resumes it%n", id,
          recorded.map(r -> " of " + r.experiment()).orElse(""));
      if (recorded.isEmpty() || !recorded.get().mirrored()) {
        continue;
      }
      Optional<MlflowTarget> server = MlflowTarget.resolve(Optional.empty(), env(), recorded.get().trackingUri());
      if (server.isPresent()) {
        SyncResult r = MlflowSync.sync(server.get(), results.url(), id, settings, note -> err.println("rlx: mlflow: " + note));
        print(r, recorded.get().experiment(), out);
      }
    }
  }

  /** Tells where a sweep stands in MLflow, in a line or two. */
  public static void print(SyncResult r, String experiment, PrintWriter out) {
    if (r.synced()) {
      out.printf("mlflow: sweep %d of %s is in MLflow: %s%n", r.sweepId(), experiment, r.runUrl().orElse("?"));
      return;
    }
    r.runUrl().ifPresent(url -> out.printf("mlflow: sweep %d of %s: %s%n", r.sweepId(), experiment, url));
    out.printf("mlflow: %s not yet in MLflow%s; kept in the store: rlx mlflow sync %d%n",
        r.unsyncedTrials() == 0 ? "the sweep's parent run is" : r.unsyncedTrials() + " trial" + (r.unsyncedTrials() == 1 ? " is" : "s are"),
        r.error().map(e -> " (" + e + ")").orElse(""), r.sweepId());
  }
}
