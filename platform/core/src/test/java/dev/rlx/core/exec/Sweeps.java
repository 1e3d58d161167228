package dev.rlx.core.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rlx.api.Isolation;
import dev.rlx.core.plan.ExperimentPlan;
import dev.rlx.core.plan.ExperimentPlanner;
import dev.rlx.core.plan.PlanResult;
import dev.rlx.core.plugins.PluginCatalog;
import dev.rlx.core.spec.SchemaValidator;
import dev.rlx.core.spec.YamlDocumentReader;
import dev.rlx.core.store.Provenance;
import dev.rlx.core.store.ResultsStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Test helpers: plan a spec with every plugin on the classpath (testkit included) and run it. */
final class Sweeps {

  static final PluginCatalog CATALOG = PluginCatalog.discover(Sweeps.class.getClassLoader());
  static final Provenance PROVENANCE = new Provenance("test", null, "localhost", "jvm", "test");

  private Sweeps() {}

  static ExperimentPlan plan(String yaml) {
    PlanResult result = new ExperimentPlanner(CATALOG, new SchemaValidator(), new YamlDocumentReader())
        .plan(yaml, "spec.yaml", 10_000);
    assertThat(result.problems()).extracting(p -> p.render()).isEmpty();
    return result.plan().orElseThrow();
  }

  static SweepOptions options(Path workDir, double cpus, GpuInventory gpus, Optional<Isolation> isolation) {
    return new SweepOptions(workDir, cpus, gpus, isolation, false, true, false, Duration.ZERO, List.of());
  }

  static SweepRunner.Report run(ResultsStore store, ExperimentPlan plan, SweepOptions options) throws InterruptedException {
    return new SweepRunner(CATALOG, store).run(plan, options, PROVENANCE, SweepProgress.SILENT, scheduler -> { });
  }
}
