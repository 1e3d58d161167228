package dev.rlx.core.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rlx.core.spec.Origin;
import dev.rlx.sweeps.SweepDefinition;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A spec as validation read it: every section an immutable record, read once by {@link SpecReader}
 * so that nothing downstream walks the JSON tree by key. Values a problem may point at carry
 * their {@link dev.rlx.core.spec.Origin} (file position and dotted path).
 *
 * @param name the experiment's name
 * @param description what the experiment is about, if written
 * @param reference the published result it reproduces, if any
 * @param environment the base environment
 * @param algorithm the base algorithm
 * @param trialBase the environment, algorithm, budget and evaluation sections as written: what
 *     every trial starts from before the sweep sets its values (JSON, because expansion applies
 *     values to it and trial ids hash it; each read returns a fresh copy)
 * @param sweep what the sweep varies
 * @param resources what one trial needs from the scheduler
 * @param executor where trials run
 * @param tracking where results are mirrored
 * @param figures the {@code report.figures} entries
 * @param expect the claims checked on the results
 * @param match match play, when the trials are games between players
 */
public record ExperimentSpec(
    String name,
    Optional<String> description,
    Optional<Reference> reference,
    Plugin environment,
    Plugin algorithm,
    ObjectNode trialBase,
    SweepDefinition sweep,
    Resources resources,
    Executor executor,
    Tracking tracking,
    List<Figure> figures,
    List<Check> expect,
    Optional<Match> match) {

  public ExperimentSpec {
    trialBase = trialBase.deepCopy();
    figures = List.copyOf(figures);
    expect = List.copyOf(expect);
  }

  /** A fresh copy, for the caller to apply values to. */
  @Override
  public ObjectNode trialBase() {
    return trialBase.deepCopy();
  }

  /**
   * The {@code match} section: the sweep's trials are entrants, and each plays the entrants along
   * {@code roundRobin} and each of {@code opponents}, {@code games} games per pairing.
   *
   * @param at where the section was written
   * @param roundRobin the swept path (or 'variant') along which entrants play each other
   * @param opponents fixed opponents, in written order
   * @param games games per pairing (0 when not written: the schema reports it)
   * @param gamesAt where {@code games} was written
   */
  public record Match(Origin at, Optional<Located> roundRobin, List<Opponent> opponents, int games, Origin gamesAt) {
    public Match {
      opponents = List.copyOf(opponents);
    }
  }

  /**
   * A fixed opponent of a match.
   *
   * @param name how claims, filters and figures name it (its id unless written)
   * @param at where the entry was written
   * @param index its place in {@code match.opponents}
   * @param plugin its {@code id} and {@code params} as written
   */
  public record Opponent(String name, Origin at, int index, ObjectNode plugin) {
    public Opponent {
      plugin = plugin.deepCopy();
    }

    @Override
    public ObjectNode plugin() {
      return plugin.deepCopy();
    }
  }

  /** A spec's environment or algorithm: its id, when one was written as text. */
  public record Plugin(Optional<String> id) {}

  /** The published result an experiment reproduces. */
  public record Reference(String citation, Optional<String> figure, Optional<String> claim, Optional<String> url) {}

  /**
   * What one trial needs from the scheduler.
   *
   * @param cpus CPU slots per trial (default 1)
   * @param gpus GPUs per trial, a fraction packing trials onto one GPU (default 0)
   * @param memory the worker heap, e.g. 2g
   * @param timeout the longest a trial may run, e.g. 2h
   * @param retries attempts after the first failure (default 0)
   * @param isolation thread or process, when the spec chooses
   */
  public record Resources(double cpus, double gpus, Optional<String> memory, Optional<String> timeout, int retries,
      Optional<String> isolation) {}

  /**
   * Where trials run: {@code local} (the default) or {@code slurm} with its settings.
   *
   * @param trialsPerTask trials per Slurm array task; empty is {@code auto}
   * @param taskLength the task length {@code auto} bundling aims at, e.g. 10m
   * @param cpusPerTask CPUs each array task asks for; empty: the trial's {@code resources.cpus}
   */
  public record Executor(String type, Optional<String> partition, Optional<String> account, Optional<String> qos,
      Optional<String> time, Optional<Integer> maxParallel, Optional<String> memory, String gpuRequest,
      List<String> extraArgs, List<String> setup, Optional<Integer> trialsPerTask, Optional<String> taskLength,
      Optional<Integer> cpusPerTask) {
    public Executor {
      extraArgs = List.copyOf(extraArgs);
      setup = List.copyOf(setup);
    }
  }

  /** Where results are mirrored: MLflow, when the spec has a {@code tracking.mlflow} section. */
  public record Tracking(Optional<Mlflow> mlflow) {

    /** The MLflow experiment runs go to: {@code tracking.mlflow.experiment} when written (not blank), else {@code name}. */
    public String mlflowExperiment(String name) {
      return mlflow.flatMap(Mlflow::experiment).filter(e -> !e.isBlank()).orElse(name);
    }

    /** Whether the spec turns MLflow off ({@code tracking.mlflow.enabled: false}). */
    public boolean mlflowDisabled() {
      return mlflow.flatMap(Mlflow::enabled).map(enabled -> !enabled).orElse(false);
    }

    /** {@code tracking.mlflow.runs} as written: {@code trials}, {@code groups}, {@code both} or {@code auto} (also when absent). */
    public String mlflowRuns() {
      return mlflow.flatMap(Mlflow::runs).orElse("auto");
    }

    /** The extra tags every run gets, in written order (none without a {@code tracking.mlflow} section). */
    public Map<String, String> mlflowTags() {
      return mlflow.map(Mlflow::tags).orElse(Map.of());
    }
  }

  /**
   * The {@code tracking.mlflow} section; {@code tags} keep their written order (MLflow gets them so).
   *
   * @param runs {@code trials}, {@code groups}, {@code both} or {@code auto}; empty is {@code auto}
   */
  public record Mlflow(Optional<String> experiment, Optional<Boolean> enabled, Optional<String> runs, Map<String, String> tags) {
    public Mlflow {
      tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    }
  }
}
