// Metric ingest into the H2 file store, batched, as `rlx sweep` writes a finished trial.
// Run by scripts/bench/execution.sh: java -cp <rlx classpath> StoreIngest.java DIR ROWS
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.rlx.core.store.MetricRow;
import dev.rlx.core.store.Provenance;
import dev.rlx.core.store.ResultsStore;
import dev.rlx.sweeps.TrialSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

public class StoreIngest {
  public static void main(String[] args) {
    Path dir = Path.of(args[0]);
    int rows = Integer.parseInt(args[1]);
    try (ResultsStore store = ResultsStore.open("jdbc:h2:file:" + dir.resolve("ingest"))) {
      long exp = store.experiment("ingest", "000000000000", "bench", "bench");
      long sweep = store.startSweep("ingest", exp, 3, new Provenance("bench", null, "localhost", "jvm", "bench"));
      List<TrialSpec> trials = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        trials.add(new TrialSpec(i, "trial" + i, "", List.of(), i, JsonNodeFactory.instance.objectNode()));
      }
      store.enqueue("ingest", sweep, trials, Map.of());
      for (int i = 0; i < 3; i++) {
        List<MetricRow> metrics = new ArrayList<>(rows);
        String[] keys = {"eval/return", "losses/policy_loss", "losses/value_loss", "charts/episodic_return"};
        for (int r = 0; r < rows; r++) {
          metrics.add(new MetricRow(keys[r % 4], r / 4, Math.sin(r), r * 1e-3));
        }
        long t0 = System.nanoTime();
        store.complete("ingest", "trial" + i, 0, metrics, Map.of());
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("run %d: %,d rows in %.3f s = %,.0f rows/s%n", i + 1, rows, seconds, rows / seconds);
      }
    }
  }
}
