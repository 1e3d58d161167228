// Metric points per second from the results store to an MLflow server (the in-process test
// server), batched 1,000 a request through the real MLflow Java client, as `rlx mlflow sync`
// sends them. Run by scripts/bench/mlflow.sh: java -cp <rlx + testkit classpath> MlflowThroughput.java DIR ROWS
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.rlx.core.mlflow.MlflowSettings;
import dev.rlx.core.mlflow.MlflowSync;
import dev.rlx.core.mlflow.MlflowTarget;
import dev.rlx.core.mlflow.SyncResult;
import dev.rlx.core.store.MetricRow;
import dev.rlx.core.store.Provenance;
import dev.rlx.core.store.ResultsStore;
import dev.rlx.sweeps.TrialSpec;
import dev.rlx.testkit.mlflow.MlflowTestServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

public class MlflowThroughput {
  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int rows = Integer.parseInt(args[1]);
    for (int run = 1; run <= 3; run++) {
      String url = "jdbc:h2:file:" + dir.resolve("mlflow-bench-" + run);
      long sweep;
      try (ResultsStore store = ResultsStore.open(url)) {
        long exp = store.sweeps().experiment("bench", "000000000000", "bench",
            "name: bench\ntracking: {mlflow: {runs: trials}}\n"); // a run per trial: the points counted are its own
        sweep = store.sweeps().start("bench", exp, 1, new Provenance("bench", null, "localhost", "jvm", "bench"));
        store.trials().enqueue("bench", sweep, List.of(new TrialSpec(0, "trial0", "", List.of(), 0,
            JsonNodeFactory.instance.objectNode())), Map.of());
        store.trials().markRunning("bench", "trial0", 1, "thread", "cpu", dir.toString());
        List<MetricRow> metrics = new ArrayList<>(rows);
        String[] keys = {"eval/return", "losses/policy_loss", "losses/value_loss", "charts/episodic_return"};
        for (int r = 0; r < rows; r++) {
          metrics.add(new MetricRow(keys[r % 4], r / 4, Math.sin(r), r * 1e-3));
        }
        store.trials().complete("bench", "trial0", 0, metrics, Map.of());
        store.sweeps().finish(sweep, "FINISHED");
      }
      try (MlflowTestServer server = MlflowTestServer.start()) {
        long t0 = System.nanoTime();
        SyncResult r = MlflowSync.sync(MlflowTarget.of(server.uri(), Map.of()), url, sweep, MlflowSettings.DEFAULT, n -> { });
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (!r.synced() || server.metricPoints() != rows) {
          throw new IllegalStateException("not all sent: " + r + ", server has " + server.metricPoints());
        }
        System.out.printf("run %d: %,d metric points in %.3f s = %,.0f points/s (%d log-batch requests)%n", run, rows, seconds,
            rows / seconds, server.requests("runs/log-batch"));
      }
    }
  }
}
