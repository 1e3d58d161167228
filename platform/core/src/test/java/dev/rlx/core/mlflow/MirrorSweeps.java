package dev.rlx.core.mlflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rlx.core.exec.GpuInventory;
import dev.rlx.core.exec.SweepOptions;
import dev.rlx.core.exec.SweepProgress;
import dev.rlx.core.exec.SweepRunner;
import dev.rlx.core.plan.ExperimentPlan;
import dev.rlx.core.plan.ExperimentPlanner;
import dev.rlx.core.plan.PlanResult;
import dev.rlx.core.plugins.PluginCatalog;
import dev.rlx.core.spec.SchemaValidator;
import dev.rlx.core.spec.YamlDocumentReader;
import dev.rlx.core.store.Provenance;
import dev.rlx.core.store.ResultsStore;
import dev.rlx.core.store.TrialStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Plans a spec and runs it with an MLflow mirror on, as `rlx sweep` does: shared by the MLflow tests. */
final class MirrorSweeps {

  static final PluginCatalog CATALOG = PluginCatalog.discover(MirrorSweeps.class.getClassLoader());
  static final Provenance PROVENANCE = new Provenance("0.1.0-test", "0123456789abcdef0123456789abcdef01234567",
      "localhost", "jvm", "rlx sweep spec.yaml");
  /** Short waits, so the tests that take MLflow down stay quick. */
  static final MlflowSettings QUICK = new MlflowSettings(Duration.ofMillis(800), Duration.ofMillis(50),
      Duration.ofMillis(50), Duration.ofMillis(400), Duration.ofSeconds(30));

  private MirrorSweeps() {}

  static ExperimentPlan plan(String yaml) {
    PlanResult result = new ExperimentPlanner(CATALOG, new SchemaValidator(), new YamlDocumentReader()).plan(yaml, "spec.yaml", 10_000);
    assertThat(result.problems()).extracting(p -> p.render()).isEmpty();
    return result.plan().orElseThrow();
  }

  /** Runs every trial of {@code plan} (all must complete) with the mirror on, then waits for the mirror to finish. */
  static SyncResult sweep(Path dir, ResultsStore store, ExperimentPlan plan, MlflowTarget target, MlflowSettings settings,
      Optional<Path> report) throws InterruptedException {
    MlflowMirror mirror = new MlflowMirror(target, store.url(), settings, w -> { });
    SweepOptions options = new SweepOptions(dir, 2, GpuInventory.NONE, Optional.empty(), false, true, false, Duration.ZERO, List.of());
    SweepRunner.Report r = new SweepRunner(CATALOG, store, mirror).run(plan, options, PROVENANCE, SweepProgress.SILENT, s -> { });
    assertThat(r.summary().count(TrialStatus.COMPLETED)).isEqualTo(plan.trials().size());
    return mirror.finish(report);
  }
}
