package dev.rlx.core.mlflow;

import dev.rlx.core.mlflow.MlflowApi.LoggedPoint;
import dev.rlx.core.mlflow.MlflowApi.RunRef;
import dev.rlx.core.mlflow.MlflowLedger.GroupRow;
import dev.rlx.core.mlflow.MlflowLedger.GroupTrial;
import dev.rlx.core.mlflow.MlflowLedger.Point;
import dev.rlx.core.mlflow.MlflowLedger.SweepRow;
import dev.rlx.core.report.SeedCurve;
import dev.rlx.core.store.MetricRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * A group run: the seeds of one configuration as one MLflow run below the sweep's parent. Its
 * metrics are each trial metric's curve over the seeds ({@link SeedCurve}, the report's figures'
 * numbers): {@code KEY/mean}, and with two seeds or more {@code KEY/std}, {@code KEY/ci_low}
 * and {@code KEY/ci_high} (the 95% Student's t interval of the mean), at the trials' steps, or
 * at the ends of equal step bins where the seeds log at different steps (a metric per episode).
 * They are sent once every trial of the group has ended, from its completed trials; the list of
 * points is the same every time it is computed, so a count of those sent is the high-water mark.
 */
final class GroupSender {

  static final Set<String> ENDED = Set.of("COMPLETED", "FAILED", "TIMED_OUT", "CANCELLED");

  private final MlflowApi api;
  private final MlflowLedger ledger;
  private final long sweepId;
  private final LongConsumer sent;
  private final RunWriter writer;
  private final Runnable created;
  private final Map<String, RunRef> runs = new HashMap<>();

  /**
   * @param sent counts the metric points sent
   * @param created counts the runs created
   */
  GroupSender(MlflowApi api, MlflowLedger ledger, long sweepId, LongConsumer sent, RunWriter writer, Runnable created) {
    this.api = api;
    this.ledger = ledger;
    this.sweepId = sweepId;
    this.sent = sent;
    this.writer = writer;
    this.created = created;
  }

  /**
   * The group's run: found again, or created (a create whose answer was lost is looked for by
   * its tags first), with its params and tags the first time.
   */
  RunRef run(SweepRow sweep, RunRef parent, GroupRow g, String specName, Map<String, String> extraTags, Consumer<String> note) {
    RunRef run = g.runId() == null ? null : runs.computeIfAbsent(g.runId(), api::getRun);
    if (run == null && g.createTried()) {
      run = api.searchRuns(parent.experimentId(), "tags.`mlflow.parentRunId` = '" + parent.runId() + "' and tags.`rlx.group` = '"
          + g.idx() + "'").stream().findFirst().orElse(null);
    }
    if (run == null) {
      Map<String, String> tags = new LinkedHashMap<>();
      tags.put("mlflow.parentRunId", parent.runId());
      tags.put("rlx.group", Integer.toString(g.idx()));
      ledger.setGroup(sweepId, g.idx(), "create_tried = TRUE");
      run = api.createRun(parent.experimentId(), runName(g.variant(), g.sweptJson(), sweep.experiment()),
          (sweep.startedAt() == null ? Instant.now() : sweep.startedAt()).toEpochMilli(), tags);
      created.run();
    }
    if (g.runId() == null) {
      ledger.setGroup(sweepId, g.idx(), "run_id = ?", run.runId());
    }
    runs.put(run.runId(), run);
    if (!g.paramsSent()) {
      Map<String, String> params = ledger.config(sweep.experiment(), g.trialIds().get(0))
          .map(c -> withoutSeed(RunParams.flatten(SweepSync.tree(c)))).orElse(Map.of());
      Map<String, String> tags = new LinkedHashMap<>();
      tags.put("rlx.spec", specName);
      tags.put("rlx.sweep_id", Long.toString(sweepId));
      tags.put("rlx.run", "group");
      tags.put("rlx.variant", g.variant() == null ? "" : g.variant());
      tags.put("rlx.seeds", Integer.toString(g.trialIds().size()));
      tags.putAll(extraTags);
      writer.logParams(run.runId(), params, tags, e -> note.accept("MLflow rejected the params of group " + g.idx() + ": " + e.getMessage()));
      ledger.setGroup(sweepId, g.idx(), "params_sent = TRUE");
    }
    return run;
  }

  /**
   * What every trial of the sweep shares (the seed aside): the parent run's params. Over one
   * trial per group where there are groups (a rerun's sweep may hold a few trials only), else
   * over the trials the sweep ran.
   */
  Map<String, String> fixedParams(List<GroupRow> groups) {
    List<String> configs = new ArrayList<>();
    if (groups.isEmpty()) {
      configs.addAll(ledger.configs(sweepId));
    } else {
      SweepRow sweep = ledger.sweep(sweepId).orElseThrow();
      for (GroupRow g : groups) {
        ledger.config(sweep.experiment(), g.trialIds().get(0)).ifPresent(configs::add);
      }
    }
    Map<String, String> fixed = null;
    for (String config : configs) {
      Map<String, String> flat = RunParams.flatten(SweepSync.tree(config));
      if (fixed == null) {
        fixed = withoutSeed(flat);
      } else {
        fixed.entrySet().removeIf(e -> !e.getValue().equals(flat.get(e.getKey())));
      }
    }
    return fixed == null ? Map.of() : fixed;
  }

  private static Map<String, String> withoutSeed(Map<String, String> flat) {
    Map<String, String> out = new LinkedHashMap<>(flat);
    out.remove("seed");
    return out;
  }


  /** A group point as MLflow gets it. */
  record GroupPoint(String key, long step, double value, long timestamp) {}

  /** The group run's name: what the sweep set for it, as trial runs are named, without the seed. */
  static String runName(String variant, String sweptJson, String experiment) {
    String name = RunParams.runName(variant, SweepSync.tree(sweptJson), 0);
    name = name.substring(0, name.length() - "seed=0".length()).strip();
    return (name.isEmpty() ? experiment : name) + " (group)";
  }

  /**
   * Sends the group's metrics and its end when every trial of it has ended, or when the sweep
   * is over without them ({@code sweepOver}: an interrupted sweep's group gets what its
   * finished seeds have, and ends KILLED). Returns whether the group run is complete.
   */
  boolean finish(SweepRow sweep, GroupRow g, RunRef run, boolean sweepOver, Map<String, GroupTrial> states) {
    List<GroupTrial> trials = g.trialIds().stream().filter(states::containsKey).map(states::get).toList();
    boolean allEnded = trials.size() == g.trialIds().size() && trials.stream().allMatch(t -> ENDED.contains(t.status()));
    if (!allEnded && !sweepOver) {
      return false;
    }
    List<GroupTrial> completed = trials.stream().filter(t -> t.status().equals("COMPLETED")).toList();
    if (!g.metricsSent()) {
      send(g, run, points(completed, sweep.startedAt() == null ? Instant.now() : sweep.startedAt()));
      ledger.setGroup(sweepId, g.idx(), "metrics_sent = TRUE");
    }
    if (g.statusSent() == null) {
      String status = !allEnded ? "KILLED"
          : trials.stream().anyMatch(t -> t.status().equals("FAILED") || t.status().equals("TIMED_OUT")) ? "FAILED"
          : completed.size() == trials.size() ? "FINISHED" : "KILLED";
      Map<String, String> tags = new LinkedHashMap<>();
      tags.put("rlx.seeds_completed", completed.size() + " of " + g.trialIds().size());
      api.logBatch(run.runId(), List.of(), tags.entrySet().stream().map(e -> new MlflowApi.KeyValue(e.getKey(), e.getValue())).toList());
      api.setTerminated(run.runId(), status, System.currentTimeMillis());
      ledger.setGroup(sweepId, g.idx(), "status_sent = ?, synced = TRUE", status);
    } else {
      ledger.setGroup(sweepId, g.idx(), "synced = TRUE");
    }
    return true;
  }

  /** The group's points: per metric key (in name order) its curve over the completed seeds. */
  static List<GroupPoint> points(List<GroupTrialRows> trials, long startMillis) {
    Map<String, List<List<MetricRow>>> byKey = new TreeMap<>();
    for (GroupTrialRows t : trials) {
      Map<String, List<MetricRow>> rows = new LinkedHashMap<>();
      for (Point p : t.points()) {
        rows.computeIfAbsent(p.key(), k -> new ArrayList<>()).add(new MetricRow(p.key(), p.step(), p.value(), p.wallTime()));
      }
      rows.forEach((k, v) -> byKey.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
    }
    List<GroupPoint> out = new ArrayList<>();
    byKey.forEach((key, perTrial) -> {
      for (SeedCurve.Point p : SeedCurve.of(perTrial, SeedCurve.automaticBins(perTrial))) {
        long step = Math.round(p.x());
        long timestamp = startMillis + Math.round(p.wallTime() * 1000);
        out.add(new GroupPoint(key + "/mean", step, p.stats().mean(), timestamp));
        if (p.stats().n() >= 2) {
          out.add(new GroupPoint(key + "/std", step, p.stats().std(), timestamp));
          out.add(new GroupPoint(key + "/ci_low", step, p.stats().mean() - p.stats().ci95(), timestamp));
          out.add(new GroupPoint(key + "/ci_high", step, p.stats().mean() + p.stats().ci95(), timestamp));
        }
      }
    });
    return out;
  }

  /** A completed trial's metric rows. */
  record GroupTrialRows(String trialId, List<Point> points) {}

  private List<GroupPoint> points(List<GroupTrial> completed, Instant sweepStart) {
    List<GroupTrialRows> rows = new ArrayList<>();
    for (GroupTrial t : completed) {
      rows.add(new GroupTrialRows(t.trialId(), ledger.points(t.pk()))); // a range of the metrics' primary key each
    }
    return points(rows, sweepStart.toEpochMilli());
  }

  /** Sends the points past the group's mark, batch by batch, each batch marked in flight first. */
  private void send(GroupRow g, RunRef run, List<GroupPoint> points) {
    int from = g.sentPoints();
    if (g.tryPoints() > from) {
      // The answer to that batch was lost: send only what of it the run's history lacks.
      List<GroupPoint> tried = points.subList(from, Math.min(points.size(), g.tryPoints()));
      Map<String, Set<LoggedPoint>> history = new HashMap<>();
      MlflowApi.MetricBatch resend = new MlflowApi.MetricBatch();
      for (GroupPoint p : tried) {
        Set<LoggedPoint> logged = history.computeIfAbsent(p.key(), k -> new HashSet<>(api.metricHistory(run.runId(), k)));
        if (!logged.contains(new LoggedPoint(p.step(), p.timestamp(), p.value()))) {
          resend.add(p.key(), p.value(), p.timestamp(), p.step());
        }
      }
      if (resend.size() > 0) {
        api.logMetrics(run.runId(), resend);
        sent.accept(resend.size());
      }
      from = Math.min(points.size(), g.tryPoints());
      ledger.setGroup(sweepId, g.idx(), "sent_points = ?", from);
    }
    while (from < points.size()) {
      int to = Math.min(points.size(), from + RunParams.MAX_METRICS_PER_BATCH);
      MlflowApi.MetricBatch batch = new MlflowApi.MetricBatch();
      points.subList(from, to).forEach(p -> batch.add(p.key(), p.value(), p.timestamp(), p.step()));
      ledger.setGroup(sweepId, g.idx(), "sent_points = ?, try_points = ?", from, to);
      api.logMetrics(run.runId(), batch);
      sent.accept(batch.size());
      from = to;
    }
    ledger.setGroup(sweepId, g.idx(), "sent_points = ?", from);
  }
}
