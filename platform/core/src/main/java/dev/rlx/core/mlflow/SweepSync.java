package dev.rlx.core.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rlx.core.mlflow.MlflowApi.RunRef;
import dev.rlx.core.mlflow.MlflowLedger.GroupRow;
import dev.rlx.core.mlflow.MlflowLedger.SweepRow;
import dev.rlx.core.mlflow.MlflowLedger.TrialRow;
import dev.rlx.core.model.ExperimentSpec;
import dev.rlx.core.model.SpecReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Brings one sweep's MLflow runs up to date with the store, sending only what the ledger says
 * has not arrived: the experiment, the parent run (tags, spec, report, status) and a child run
 * per trial (params, tags, metrics in (key, step) order, config, status). Used both by the
 * live mirror and by {@code rlx mlflow sync}, so the exactly-once rules live here once:
 *
 * <ul>
 *   <li>A run id is recorded as soon as the server returns it; a create whose answer was lost
 *       is marked tried, and the next attempt first searches for the run by its tags
 *       ({@code rlx.sweep_uid} for a parent, {@code rlx.trial_id} under the parent for a child).
 *   <li>Metric rows go in (key id, step) order in batches of at most 1,000; a high-water mark
 *       says what arrived. The last row of a batch in flight is recorded first: if its answer
 *       is lost, the run's metric history says which of its points arrived (the docs allow a
 *       failed log-batch to have written part of it), and only the others are sent.
 *   <li>Params, tags, artifacts and statuses are idempotent (the same param value may be
 *       logged again), so they are resent until recorded as sent.
 * </ul>
 *
 * A retryable {@link MlflowException} ends the pass (the caller backs off and calls again);
 * a definite rejection of one item is recorded on its row and skipped, never failing a trial.
 */
final class SweepSync {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** What a sync sent (cumulative over passes; counted from every lane, read once they have joined). */
  static final class Sent {
    int runs;
    long metrics;
    int params;
    int artifacts;
    int rejected;

    synchronized void add(int runs, long metrics, int params, int artifacts, int rejected) {
      this.runs += runs;
      this.metrics += metrics;
      this.params += params;
      this.artifacts += artifacts;
      this.rejected += rejected;
    }
  }

  /**
   * What one thread needs to send trial runs: a ledger over a connection of its own and the
   * senders over it. A pass over many open trials splits them over {@value #LANES} lanes
   * ({@link Lanes}), so that that many requests are in flight: a real server answers about a
   * third more trial runs a second with two connections than with one (scripts/bench/mlflow.sh).
   * Each trial is one lane's alone, so its exactly-once bookkeeping is untouched.
   */
  private final class Lane {
    final MlflowLedger ledger;
    final MetricSender metricSender;
    final LiveSender liveSender;

    Lane(MlflowLedger ledger) {
      this.ledger = ledger;
      this.metricSender = new MetricSender(api, ledger, sweepId, n -> sent.add(0, n, 0, 0, 0), SweepSync.this::reject);
      this.liveSender = new LiveSender(api, ledger, sweepId, n -> sent.add(0, n, 0, 0, 0), SweepSync.this::note);
    }
  }

  /** Lanes a pass uses at most, and the open trials it takes to use more than one. */
  static final int LANES = 2;
  private static final int TRIALS_PER_EXTRA_LANE = 8;

  private final MlflowApi api;
  private final MlflowLedger ledger;
  private final long sweepId;
  private final Consumer<String> notes;
  private final Sent sent = new Sent();
  private final Map<String, RunRef> runs = new java.util.concurrent.ConcurrentHashMap<>();
  private final Set<String> noted = java.util.Collections.synchronizedSet(new LinkedHashSet<>());
  private final GroupSender groupSender;
  private final RunWriter writer;
  private final Lanes<Lane> lanes;
  /** How many 1,000-point batches a pass streams of one running trial: the others get their turn. */
  private static final int LIVE_BATCHES_PER_PASS = 10;
  private ExperimentSpec spec;

  SweepSync(MlflowApi api, MlflowLedger ledger, long sweepId, Consumer<String> notes) {
    this.api = api;
    this.ledger = ledger;
    this.sweepId = sweepId;
    this.notes = notes;
    this.writer = new RunWriter(api, sent);
    this.groupSender = new GroupSender(api, ledger, sweepId, n -> sent.add(0, n, 0, 0, 0), writer, () -> sent.add(1, 0, 0, 0, 0));
    this.lanes = new Lanes<>(LANES, new Lane(ledger), () -> new Lane(ledger.another()), l -> l.ledger.close());
  }

  /** The lane of the calling thread. */
  private Lane lane() {
    return lanes.current();
  }

  /** How many times progress was recorded, over every lane: what a retry loop counts as getting somewhere. */
  long writes() {
    return lanes.all().stream().mapToLong(l -> l.ledger.writes()).sum();
  }

  /** Closes the extra lanes' connections and threads (the main ledger is the caller's). */
  void close() {
    lanes.close();
  }

  /** Syncs the open trials, striped over up to {@link #LANES} lanes (see {@link Lanes}). */
  private void trials(SweepRow sweep, List<TrialRow> open, Map<String, RunRef> groupOfTrial, RunRef parent, boolean cutShort) {
    lanes.forEach(open, 1 + open.size() / TRIALS_PER_EXTRA_LANE,
        t -> trial(sweep, groupOfTrial.getOrDefault(t.trialId(), parent), t, cutShort));
  }

  Sent sent() {
    return sent;
  }

  /**
   * One pass over everything unsent.
   *
   * @param mayEnd whether the sweep may be closed (report, parent status) once the store says
   *     it is over; the live mirror holds this until the report is written
   * @return true when the sweep is fully in MLflow
   */
  boolean pass(boolean mayEnd) {
    SweepRow sweep = ledger.sweep(sweepId).orElseThrow(() -> new IllegalStateException("no sweep " + sweepId));
    if (spec == null) {
      spec = SpecReader.readStored(sweep.specText());
    }
    String experimentId = experiment(sweep);
    RunRef parent = parent(sweep, experimentId);
    if (!sweep.tagsSent()) {
      Map<String, String> tags = new LinkedHashMap<>();
      tags.put("rlx.spec", sweep.experiment());
      tags.put("rlx.sweep_id", Long.toString(sweepId));
      tags.put("rlx.version", nullToEmpty(sweep.rlxVersion()));
      if (sweep.gitCommit() != null) {
        tags.put("rlx.git_commit", sweep.gitCommit());
      }
      tags.putAll(RunParams.sourceTags(sweep));
      spec.description().ifPresent(d -> tags.put("mlflow.note.content", d)); // the run page's Description
      tags.putAll(extraTags());
      writer.logTags(parent.runId(), tags);
      ledger.setSweep(sweepId, "tags_sent = TRUE");
    }
    if (!sweep.specSent()) {
      upload(parent, "spec.yaml", sweep.specText());
      ledger.setSweep(sweepId, "spec_sent = TRUE");
    }
    RunLayout layout = RunLayout.recorded(sweep.runLayout());
    List<GroupRow> groups = layout.groupRuns ? ledger.groups(sweepId, false) : List.of();
    if (!sweep.paramsSent()) {
      writer.logParams(parent.runId(), groupSender.fixedParams(groups), Map.of(), e -> note("MLflow rejected the sweep's fixed params: " + e.getMessage()));
      ledger.setSweep(sweepId, "params_sent = TRUE");
    }
    // Group runs first: trial runs nest under them.
    Map<String, RunRef> groupOfTrial = new HashMap<>();
    Map<Integer, RunRef> groupRuns = new HashMap<>();
    for (GroupRow g : groups) {
      RunRef run = groupSender.run(sweep, parent, g, spec.name(), RunParams.withSource(sweep, extraTags()), this::note);
      groupRuns.put(g.idx(), run);
      g.trialIds().forEach(id -> groupOfTrial.put(id, run));
    }
    boolean sweepOver = !"RUNNING".equals(sweep.sweepStatus());
    // Ended without finishing (its driver died, or Ctrl-C): a trial still running can only be KILLED.
    boolean cutShort = sweepOver && !"FINISHED".equals(sweep.sweepStatus());
    if (layout.trialRuns) {
      trials(sweep, ledger.openTrials(sweepId), groupOfTrial, parent, cutShort);
    }
    for (Map.Entry<Long, String> stranded : ledger.strandedTrialRuns(sweepId).entrySet()) {
      if (stranded.getValue() != null) {
        writer.kill(stranded.getValue(), "INTERRUPTED: run again by a later sweep");
      }
      ledger.setTrial(stranded.getKey(), sweepId, "status_sent = 'KILLED', synced = TRUE");
    }
    if (groups.stream().anyMatch(g -> !g.synced())) {
      Map<String, MlflowLedger.GroupTrial> states = ledger.trialStates(sweep.experiment());
      for (GroupRow g : groups) {
        if (!g.synced()) {
          groupSender.finish(sweep, g, groupRuns.get(g.idx()), sweepOver, states);
        }
      }
    }
    boolean over = mayEnd && sweepOver;
    if (!over || (layout.trialRuns && ledger.unsyncedTrials(sweepId) > 0) || (layout.groupRuns && ledger.unsyncedGroups(sweepId) > 0)) {
      return false;
    }
    if (sweep.reportDir() != null && !sweep.reportSent()) {
      Path dir = Path.of(sweep.reportDir());
      if (Files.isDirectory(dir)) {
        try (Stream<Path> files = Files.walk(dir)) {
          for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
            upload(parent, "report/" + dir.relativize(f).toString().replace('\\', '/'), f);
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      Map<String, String> verdicts = Verdicts.tags(dir);
      if (!verdicts.isEmpty()) {
        writer.logTags(parent.runId(), verdicts);
      }
      ledger.setSweep(sweepId, "report_sent = TRUE, verdicts_sent = TRUE");
    }
    if (sweep.statusSent() == null) {
      String status = switch (sweep.sweepStatus()) {
        case "FINISHED" -> ledger.failedTrials(sweepId) > 0 ? "FAILED" : "FINISHED";
        default -> "KILLED";
      };
      api.setTerminated(parent.runId(), status, millis(sweep.finishedAt(), Instant.now()));
      ledger.setSweep(sweepId, "status_sent = ?", status);
    }
    ledger.setSweep(sweepId, "synced = TRUE, last_error = NULL");
    return true;
  }

  // ---- the experiment and the parent run

  private String experiment(SweepRow sweep) {
    if (sweep.experimentId() != null) {
      return sweep.experimentId();
    }
    String name = sweep.experimentName();
    String id = api.experimentByName(name).map(e -> {
      if ("deleted".equals(e.lifecycleStage())) {
        throw new MlflowException("MLflow experiment '" + name + "' is deleted; restore it in MLflow, or name another"
            + " with tracking.mlflow.experiment", false, 400, "INVALID_STATE", null);
      }
      return e.experimentId();
    }).orElseGet(() -> {
      try {
        return api.createExperiment(name);
      } catch (MlflowException e) {
        if (e.errorCode().equals("RESOURCE_ALREADY_EXISTS")) { // created meanwhile, e.g. by another sweep
          return api.experimentByName(name).orElseThrow(() -> e).experimentId();
        }
        throw e;
      }
    });
    ledger.setSweep(sweepId, "experiment_id = ?", id);
    return id;
  }

  private RunRef parent(SweepRow sweep, String experimentId) {
    if (sweep.runId() != null) {
      return known(sweep.runId());
    }
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put("rlx.sweep_uid", sweep.sweepUid());
    tags.put("rlx.sweep_id", Long.toString(sweepId));
    RunRef run = null;
    if (sweep.createTried()) {
      run = api.searchRuns(experimentId, "tags.`rlx.sweep_uid` = '" + sweep.sweepUid() + "'").stream().findFirst().orElse(null);
    }
    if (run == null) {
      ledger.setSweep(sweepId, "create_tried = TRUE");
      run = api.createRun(experimentId, sweep.experiment() + " sweep " + sweepId, millis(sweep.startedAt(), Instant.now()), tags);
      sent.add(1, 0, 0, 0, 0);
    }
    ledger.setSweep(sweepId, "run_id = ?", run.runId());
    runs.put(run.runId(), run);
    return run;
  }

  // ---- trials

  private void trial(SweepRow sweep, RunRef parent, TrialRow t, boolean cutShort) {
    if (!t.mirrored()) {
      lane().ledger.recordTrial(t.pk(), sweepId); // with create_tried: the child run is created next
    }
    if (t.runId() != null && t.liveOffset() > 0 && t.attempts() > t.liveAttempt()) {
      // A retry after points of the failed attempt were streamed: the new attempt's points start
      // again from its first step, so they go to a child run of their own (the next pass makes it).
      writer.kill(t.runId(), "attempt " + t.liveAttempt() + " failed; attempt " + t.attempts() + " is a run of its own");
      lane().ledger.setTrial(t.pk(), sweepId, "run_id = NULL, create_tried = FALSE, params_sent = FALSE, live_offset = 0,"
          + " live_try_offset = 0, live_marks = NULL, live_attempt = ?", t.attempts());
      return;
    }
    RunRef child = child(parent, t);
    boolean ended = switch (t.status()) {
      case "COMPLETED", "FAILED", "TIMED_OUT", "CANCELLED" -> true;
      default -> false;
    };
    // Params, tags, the config and the status are idempotent: what of them was sent for an
    // ended trial is recorded in one write at the end (or when a step fails), not one each —
    // every write to the store is a commit that H2 writes to its file at once. A crash in
    // between sends them again, harmlessly. Metric marks are written as they go (see metrics).
    List<String> done = new ArrayList<>();
    List<Object> values = new ArrayList<>();
    try {
      // A trial that has ended by now gets its final rlx.status (and rlx.error) with its params.
      boolean finalTags = false;
      if (!t.paramsSent()) {
        finalTags = params(sweep, child, t) && ended;
        if (!ended && !cutShort) {
          lane().ledger.setTrial(t.pk(), sweepId, "params_sent = TRUE"); // else sent again at every look
          lane().liveSender.stream(child, t, LIVE_BATCHES_PER_PASS);
          return;
        }
        done.add("params_sent = TRUE");
      }
      if (!ended && cutShort) {
        lane().liveSender.stream(child, t, Integer.MAX_VALUE); // what it logged before its driver died
        writer.kill(child.runId(), "INTERRUPTED: the sweep ended before this trial did (its driver was killed?)");
        done.add("status_sent = 'KILLED'");
        done.add("synced = TRUE");
        return;
      }
      if (!ended) {
        lane().liveSender.stream(child, t, LIVE_BATCHES_PER_PASS);
        return;
      }
      if (!t.metricsSent()) {
        if (t.status().equals("COMPLETED")) {
          // the stored rows, less what was streamed (a batch the driver had in flight resolved first)
          lane().metricSender.send(child, t, lane().liveSender.settled(child, t));
        } else {
          lane().liveSender.stream(child, t, Integer.MAX_VALUE); // a failed trial keeps what it logged
        }
        done.add("metrics_sent = TRUE");
      }
      if (!t.configSent()) {
        upload(child, "config.json", pretty(t.configJson()));
        done.add("config_sent = TRUE");
      }
      if (t.statusSent() == null) {
        if (!finalTags) {
          Map<String, String> tags = new LinkedHashMap<>();
          tags.put("rlx.status", t.status());
          if (t.error() != null) {
            tags.put("rlx.error", RunParams.limitTag(t.error()));
          }
          writer.logTags(child.runId(), tags);
        }
        String status = switch (t.status()) {
          case "COMPLETED" -> "FINISHED";
          case "CANCELLED" -> "KILLED";
          default -> "FAILED";
        };
        api.setTerminated(child.runId(), status, millis(t.finishedAt(), Instant.now()));
        done.add("status_sent = ?");
        values.add(status);
      }
      done.add("synced = TRUE");
    } finally {
      if (!done.isEmpty()) {
        lane().ledger.setTrial(t.pk(), sweepId, String.join(", ", done), values.toArray());
      }
    }
  }

  private RunRef child(RunRef parent, TrialRow t) {
    if (t.runId() != null) {
      return known(t.runId());
    }
    RunRef run = null;
    if (t.createTried()) {
      run = api.searchRuns(parent.experimentId(), "tags.`mlflow.parentRunId` = '" + parent.runId()
          + "' and tags.`rlx.trial_id` = '" + t.trialId() + "'").stream().findFirst().orElse(null);
    }
    if (run == null) {
      Map<String, String> tags = new LinkedHashMap<>();
      tags.put("mlflow.parentRunId", parent.runId());
      tags.put("rlx.trial_id", t.trialId());
      if (t.mirrored()) {
        lane().ledger.setTrial(t.pk(), sweepId, "create_tried = TRUE"); // a new row has it already
      }
      run = api.createRun(parent.experimentId(), RunParams.runName(t.variant(), tree(t.sweptJson()), t.seed()),
          millis(t.startedAt(), Instant.now()), tags);
      sent.add(1, 0, 0, 0, 0);
    }
    lane().ledger.setTrial(t.pk(), sweepId, "run_id = ?", run.runId());
    runs.put(run.runId(), run);
    return run;
  }

  /** Sends the trial's params and tags; false when MLflow rejected them (recorded, not retried). */
  private boolean params(SweepRow sweep, RunRef child, TrialRow t) {
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put("rlx.spec", spec.name());
    tags.put("rlx.sweep_id", Long.toString(sweepId));
    tags.put("rlx.trial_id", t.trialId());
    tags.put("rlx.variant", nullToEmpty(t.variant()));
    tags.put("rlx.seed", Long.toString(t.seed()));
    tags.put("rlx.device", nullToEmpty(t.device()));
    tags.put("rlx.status", t.status());
    if (t.error() != null) {
      tags.put("rlx.error", RunParams.limitTag(t.error()));
    }
    tags.putAll(RunParams.withSource(sweep, extraTags()));
    return writer.logParams(child.runId(), RunParams.flatten(tree(t.configJson())), tags, e -> reject(t, "params", e));
  }

  // ---- helpers

  private Map<String, String> extraTags() {
    return spec.tracking().mlflowTags();
  }

  private void upload(RunRef run, String path, Path file) {
    writer.upload(run, path, file, this::note);
  }

  private void upload(RunRef run, String path, String text) {
    writer.upload(run, path, text, this::note);
  }

  private RunRef known(String runId) {
    RunRef run = runs.get(runId);
    if (run == null) {
      run = api.getRun(runId);
      runs.put(runId, run);
    }
    return run;
  }

  private void reject(TrialRow t, String what, MlflowException e) {
    sent.add(0, 0, 0, 0, 1);
    String why = RunParams.limitTag(e.getMessage());
    lane().ledger.setTrial(t.pk(), sweepId, "last_error = ?", why.length() > 1024 ? why.substring(0, 1024) : why);
    note("MLflow rejected the " + what + " of trial " + t.trialId() + " (kept in the store): " + e.getMessage());
  }

  private void note(String message) {
    if (noted.add(message)) {
      notes.accept(message);
    }
  }

  static JsonNode tree(String json) {
    try {
      return JSON.readTree(json == null || json.isEmpty() ? "{}" : json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String pretty(String json) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(tree(json)) + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long millis(Instant t, Instant fallback) {
    return (t == null ? fallback : t).toEpochMilli();
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
