package dev.rlx.core.exec;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rlx.api.Isolation;
import dev.rlx.api.PluginDescriptor;
import dev.rlx.api.PluginKind;
import dev.rlx.core.model.ExperimentSpec;
import dev.rlx.core.plan.ExperimentPlan;
import dev.rlx.core.plugins.PluginCatalog;
import dev.rlx.core.store.DriverId;
import dev.rlx.core.store.Provenance;
import dev.rlx.core.store.ResultsStore;
import dev.rlx.core.store.TrialStatus;
import dev.rlx.sweeps.Assignment;
import dev.rlx.sweeps.TrialSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a planned experiment: records it in the store, skips the trials already COMPLETED
 * (resume), places the rest on the resource pool with the isolation, timeout and retries the
 * spec asks for, and records how each ended.
 */
public final class SweepRunner {

  /** Default heap of a worker process when the spec sets no {@code resources.memory}. */
  public static final String DEFAULT_HEAP = "1g";

  private final PluginCatalog catalog;
  private final ResultsStore store;
  private final SweepListener listener;

  public SweepRunner(PluginCatalog catalog, ResultsStore store) {
    this(catalog, store, (sweepId, plan) -> { });
  }

  /** A runner that tells {@code listener} of each sweep it starts (e.g. the MLflow mirror). */
  public SweepRunner(PluginCatalog catalog, ResultsStore store, SweepListener listener) {
    this.catalog = catalog;
    this.store = store;
    this.listener = listener;
  }

  /** Told of a sweep once it is in the store with its trials enqueued, before the first one starts. */
  @FunctionalInterface
  public interface SweepListener {
    void sweepStarted(long sweepId, ExperimentPlan plan);

    /**
     * Trials have ended and their results are committed to the store (called on the
     * scheduling thread: must return at once). Also after the sweep's own end is recorded.
     */
    default void trialsRecorded() {
    }

    /** Whether the trials should stream their metrics as they log them ({@link LiveMetrics}), for this listener to read. */
    default boolean liveMetrics() {
      return false;
    }
  }

  /** What a sweep did. */
  public record Report(long sweepId, int planned, int skipped, TrialScheduler.Summary summary) {}

  /** What a sweep would do, without running anything. */
  public record Preview(int planned, int toRun, Map<TrialStatus, Integer> stored, List<ScheduledTrial> trials) {}

  /** Problems that stop a sweep before it starts (runtime, not spec, problems). */
  public static final class SweepRefused extends RuntimeException {
    public SweepRefused(String message) {
      super(message);
    }
  }

  public Preview preview(ExperimentPlan plan, SweepOptions options) {
    checkImplemented(plan);
    Map<String, TrialStatus> stored = options.fresh() ? Map.of() : store.trials().statuses(plan.name());
    Map<TrialStatus, Integer> counts = new EnumMap<>(TrialStatus.class);
    List<ScheduledTrial> toRun = new ArrayList<>();
    for (TrialSpec trial : plan.trials()) {
      TrialStatus status = stored.getOrDefault(trial.id(), TrialStatus.PENDING);
      counts.merge(status, 1, Integer::sum);
      if (status.needsRun(options.rerunFailed())) {
        toRun.add(schedule(plan, trial, options));
      }
    }
    return new Preview(plan.trials().size(), toRun.size(), counts, toRun);
  }

  /** Runs the sweep; {@code onScheduler} receives the scheduler before it starts (to stop it on Ctrl-C). */
  public Report run(ExperimentPlan plan, SweepOptions options, Provenance provenance, SweepProgress progress,
      java.util.function.Consumer<TrialScheduler> onScheduler) throws InterruptedException {
    return run(plan, options, preview(plan, options), provenance, progress, onScheduler);
  }

  /** Runs the trials of a {@link #preview} taken with the same plan and options. */
  public Report run(ExperimentPlan plan, SweepOptions options, Preview preview, Provenance provenance, SweepProgress progress,
      java.util.function.Consumer<TrialScheduler> onScheduler) throws InterruptedException {
    long sweepId = begin(plan, options, preview, provenance);

    Map<Isolation, TrialLauncher> launchers = new EnumMap<>(Isolation.class);
    ThreadLauncher threads = new ThreadLauncher(catalog);
    launchers.put(Isolation.THREAD, threads);
    launchers.put(Isolation.PROCESS, ProcessLauncher.likeThisJvm(options.workerJvmOptions(),
        options.workDir().resolve(".rlx").resolve("cache")));
    ResourcePool pool = new ResourcePool(options.cpuSlots(), options.allowCpu() && options.gpus().isEmpty() ? GpuInventory.NONE : options.gpus());
    TrialScheduler scheduler = new TrialScheduler(pool, launchers, store, plan.name(), progress, options.retryBackoff(),
        DriverId.current(), options.lease(), listener.liveMetrics());
    scheduler.onCommittedEnds(listener::trialsRecorded);
    onScheduler.accept(scheduler);
    TrialScheduler.Summary summary;
    try {
      summary = scheduler.run(preview.trials());
    } finally {
      threads.close();
    }
    store.sweeps().finish(sweepId, summary.stopped() ? "CANCELLED" : "FINISHED");
    listener.trialsRecorded(); // the last ones go now, while the report is drawn
    return new Report(sweepId, plan.trials().size(), plan.trials().size() - preview.toRun(), summary);
  }

  /**
   * Records the sweep ({@link #record}) and tells the listener (e.g. the MLflow mirror) of it;
   * returns the sweep's id. Every executor starts a sweep here: the local one in {@link #run},
   * Slurm's before it submits.
   */
  public long begin(ExperimentPlan plan, SweepOptions options, Preview preview, Provenance provenance) {
    long sweepId = record(plan, options, preview, provenance);
    listener.sweepStarted(sweepId, plan);
    return sweepId;
  }

  /**
   * Records the sweep in the store (forgetting the experiment's trials first with --fresh)
   * and the trials of {@code preview} as PENDING; returns the sweep's id. Tells no listener:
   * see {@link #begin}.
   */
  public long record(ExperimentPlan plan, SweepOptions options, Preview preview, Provenance provenance) {
    if (options.fresh()) {
      store.trials().forget(plan.name());
    }
    store.trials().releaseOrphans(plan.name()); // a killed driver's trials on this host run again now
    store.sweeps().closeAbandoned(); // and its sweep is over (INTERRUPTED): the MLflow mirror closes its runs
    long experimentId = store.sweeps().experiment(plan.name(), plan.specHash(), plan.document().file(), plan.document().text());
    long sweepId = store.sweeps().start(plan.name(), experimentId, plan.trials().size(), provenance);
    Set<String> runIds = new LinkedHashSet<>();
    preview.trials().forEach(t -> runIds.add(t.spec().id()));
    Map<String, String> swept = new LinkedHashMap<>();
    List<TrialSpec> enqueue = new ArrayList<>();
    for (TrialSpec trial : plan.trials()) {
      if (runIds.contains(trial.id())) {
        enqueue.add(trial);
        swept.put(trial.id(), sweptJson(trial).toString());
      }
    }
    store.trials().enqueue(plan.name(), sweepId, enqueue, swept);
    return sweepId;
  }

  private ScheduledTrial schedule(ExperimentPlan plan, TrialSpec trial, SweepOptions options) {
    ExperimentSpec.Resources resources = plan.spec().resources();
    double cpus = resources.cpus();
    double gpus = resources.gpus();
    if (gpus > 0 && options.gpus().isEmpty()) {
      if (!options.allowCpu()) {
        throw new SweepRefused("the spec asks for " + gpus + " GPU(s) per trial but this machine has none"
            + " (nvidia-smi found nothing, and neither --gpus nor " + GpuInventory.GPUS_ENV + " lists any);"
            + " pass --allow-cpu to run on the CPU instead");
      }
      gpus = 0;
    }
    Isolation isolation = options.isolation().orElseGet(() -> resources.isolation()
        .map(i -> Isolation.valueOf(i.toUpperCase(Locale.ROOT)))
        .orElseGet(() -> catalog.find(PluginKind.ALGORITHM, trial.config().path("algorithm").path("id").asText())
            .map(PluginDescriptor::isolation).orElse(Isolation.PROCESS)));
    Duration timeout = resources.timeout().map(SweepRunner::parseDuration).orElse(Duration.ofDays(365));
    int retries = resources.retries();
    String heap = resources.memory().orElse(DEFAULT_HEAP);
    Path runDir = options.workDir().resolve(".rlx").resolve("runs").resolve(plan.name()).resolve(trial.id());
    return new ScheduledTrial(trial, isolation, cpus, gpus, timeout, retries, heap, runDir);
  }

  private void checkImplemented(ExperimentPlan plan) {
    Set<String> missing = new LinkedHashSet<>();
    for (TrialSpec trial : plan.trials()) {
      for (PluginKind kind : PluginKind.values()) {
        String id = trial.config().path(kind.label()).path("id").asText();
        catalog.find(kind, id).filter(d -> d.implementation().isEmpty())
            .ifPresent(d -> missing.add(kind.label() + " '" + id + "'"));
      }
    }
    if (!missing.isEmpty()) {
      throw new SweepRefused(String.join(", ", missing) + (missing.size() == 1 ? " is" : " are")
          + " declared but not implemented in this version of rlx, so the sweep cannot run; nothing was run");
    }
  }

  /** What the sweep set for {@code trial}, the variant and seed aside: its swept_json in the store. */
  public static ObjectNode sweptJson(TrialSpec trial) {
    ObjectNode swept = JsonNodeFactory.instance.objectNode();
    for (Assignment a : trial.assignments()) {
      if (a.operator() != Assignment.Operator.VARIANT) {
        swept.set(a.path(), a.value());
      }
    }
    return swept;
  }

  private static final Pattern DURATION = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(ms|s|m|h|d)");

  /** "90s", "30m", "2h", "1d", "500ms" → a Duration (the schema has checked the form). */
  public static Duration parseDuration(String text) {
    Matcher m = DURATION.matcher(text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("not a duration: " + text);
    }
    double amount = Double.parseDouble(m.group(1));
    double millis = switch (m.group(2)) {
      case "ms" -> amount;
      case "s" -> amount * 1_000;
      case "m" -> amount * 60_000;
      case "h" -> amount * 3_600_000;
      default -> amount * 86_400_000;
    };
    return Duration.ofMillis((long) millis);
  }
}
