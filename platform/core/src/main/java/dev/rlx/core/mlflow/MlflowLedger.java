package dev.rlx.core.mlflow;

import static dev.rlx.core.store.Columns.instant;

import dev.rlx.core.store.StoreConnection;
import dev.rlx.core.store.StoreConnection.SqlConsumer;
import dev.rlx.core.store.StoreException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What of each sweep has reached MLflow ({@code mlflow_sweeps}, {@code mlflow_trials}), read
 * and written over a connection of its own, so the mirror thread never shares the driver's.
 * It only reads the trials and metrics the driver writes.
 */
final class MlflowLedger implements AutoCloseable {

  private final StoreConnection store;
  private final Map<Integer, String> keyNames = new HashMap<>();
  private long writes;

  private final String url;

  private MlflowLedger(StoreConnection store, String url) {
    this.store = store;
    this.url = url;
  }

  /** Another ledger of the same store, over a connection of its own (a lane of {@link SweepSync}). */
  MlflowLedger another() {
    return open(url);
  }

  /**
   * Opens the ledger of the store at {@code url} (already migrated by whoever opened the store).
   * Its connection is replaced if the database is shut down under it: the driver does that when
   * it writes back a store file deleted mid-sweep.
   */
  static MlflowLedger open(String url) {
    return new MlflowLedger(StoreConnection.open(url), url);
  }

  /** A sweep as the mirror needs it: the store's record and how far MLflow has got. */
  record SweepRow(long sweepId, String experiment, String sweepStatus, Instant startedAt, Instant finishedAt,
      String rlxVersion, String gitCommit, String specFile, String specText, boolean mirrored, String trackingUri,
      String experimentName, String sweepUid, String experimentId, String runId, boolean createTried, boolean tagsSent,
      boolean specSent, String reportDir, boolean reportSent, String statusSent, boolean synced, String runLayout,
      boolean paramsSent, boolean verdictsSent, int trialsTotal) {}

  /** A group of a sweep's trials (its seeds of one configuration) and how far its group run has got. */
  record GroupRow(int idx, String variant, String sweptJson, List<String> trialIds, String runId, boolean createTried,
      boolean paramsSent, int sentPoints, int tryPoints, boolean metricsSent, String statusSent, boolean synced) {}

  /** A trial of a group as the store has it now (whichever sweep ran it last). */
  record GroupTrial(long pk, String trialId, long seed, String status, String configJson, Instant startedAt) {}

  /** A trial of a sweep and how far its child run has got. */
  record TrialRow(long pk, String trialId, int index, String variant, long seed, String sweptJson, String configJson,
      String status, String device, Instant startedAt, Instant finishedAt, String error, boolean mirrored, String runId,
      boolean createTried, boolean paramsSent, int sentKeyId, long sentStep, int tryKeyId, long tryStep,
      boolean metricsSent, boolean configSent, String statusSent, int attempts, String runDir, int liveAttempt, long liveOffset,
      long liveTryOffset, String liveMarks) {}

  /** A stored metric row with its key's id (the order rows are sent in is (key id, step)). */
  record Point(int keyId, String key, long step, double value, double wallTime) {}

  Optional<SweepRow> sweep(long sweepId) {
    List<SweepRow> out = new ArrayList<>();
    query("SELECT s.id, s.experiment, s.status, s.started_at, s.finished_at, s.rlx_version, s.git_commit, e.spec_file, e.spec_text,"
        + " m.sweep_id, m.tracking_uri, m.experiment_name, m.sweep_uid, m.experiment_id, m.run_id, m.create_tried, m.tags_sent,"
        + " m.spec_sent, m.report_dir, m.report_sent, m.status_sent, m.synced, m.run_layout, m.params_sent, m.verdicts_sent,"
        + " s.trials_total"
        + " FROM sweeps s JOIN experiments e ON e.id = s.experiment_id LEFT JOIN mlflow_sweeps m ON m.sweep_id = s.id WHERE s.id = ?",
        s -> s.setLong(1, sweepId),
        rs -> out.add(new SweepRow(rs.getLong(1), rs.getString(2), rs.getString(3), instant(rs, 4), instant(rs, 5),
            rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getObject(10) != null, rs.getString(11),
            rs.getString(12), rs.getString(13), rs.getString(14), rs.getString(15), rs.getBoolean(16), rs.getBoolean(17),
            rs.getBoolean(18), rs.getString(19), rs.getBoolean(20), rs.getString(21), rs.getBoolean(22), rs.getString(23),
            rs.getBoolean(24), rs.getBoolean(25), rs.getInt(26))));
    return out.stream().findFirst();
  }

  /** Sweeps recorded for MLflow and not yet fully sent, oldest first. */
  List<Long> unsyncedSweeps() {
    List<Long> out = new ArrayList<>();
    query("SELECT sweep_id FROM mlflow_sweeps WHERE NOT synced ORDER BY sweep_id", s -> { }, rs -> out.add(rs.getLong(1)));
    return out;
  }

  /** Records that {@code sweepId} goes to MLflow, unless it already is. */
  void recordSweep(long sweepId, String trackingUri, String experimentName) {
    update("INSERT INTO mlflow_sweeps (sweep_id, tracking_uri, experiment_name, sweep_uid)"
        + " SELECT ?, ?, ?, ? FROM DUAL WHERE NOT EXISTS (SELECT 1 FROM mlflow_sweeps WHERE sweep_id = ?)", s -> {
          s.setLong(1, sweepId);
          s.setString(2, trackingUri);
          s.setString(3, experimentName);
          s.setString(4, UUID.randomUUID().toString());
          s.setLong(5, sweepId);
        });
  }

  void sweepReportDir(long sweepId, String dir) {
    update("UPDATE mlflow_sweeps SET report_dir = ?, report_sent = FALSE, synced = FALSE WHERE sweep_id = ?", s -> {
      s.setString(1, dir);
      s.setLong(2, sweepId);
    });
  }

  /** Sets columns of a sweep's row: {@code assignments} like {@code "run_id = ?, create_tried = ?"}. */
  void setSweep(long sweepId, String assignments, Object... values) {
    set("mlflow_sweeps", "sweep_id = ?", assignments, values, sweepId);
  }

  /**
   * The trials this sweep ran or runs whose child run is not complete: those that have
   * started (or have a row already), in plan order.
   */
  List<TrialRow> openTrials(long sweepId) {
    List<TrialRow> out = new ArrayList<>();
    query("SELECT t.pk, t.trial_id, t.idx, t.variant, t.seed, t.swept_json, t.config_json, t.status, t.device, t.started_at,"
        + " t.finished_at, t.error, m.trial_pk, m.run_id, m.create_tried, m.params_sent, m.sent_key_id, m.sent_step,"
        + " m.try_key_id, m.try_step, m.metrics_sent, m.config_sent, m.status_sent, t.attempts, t.run_dir, m.live_attempt,"
        + " m.live_offset, m.live_try_offset, m.live_marks"
        + " FROM trials t LEFT JOIN mlflow_trials m ON m.trial_pk = t.pk AND m.sweep_id = t.sweep_id"
        + " WHERE t.sweep_id = ? AND (m.synced IS NULL OR NOT m.synced) AND (t.status <> 'PENDING' OR m.trial_pk IS NOT NULL)"
        + " ORDER BY t.idx, t.trial_id",
        s -> s.setLong(1, sweepId),
        rs -> out.add(new TrialRow(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getString(4), rs.getLong(5), rs.getString(6),
            rs.getString(7), rs.getString(8), rs.getString(9), instant(rs, 10), instant(rs, 11), rs.getString(12),
            rs.getObject(13) != null, rs.getString(14), rs.getBoolean(15), rs.getBoolean(16),
            rs.getObject(17) == null ? -1 : rs.getInt(17), rs.getObject(18) == null ? -1 : rs.getLong(18),
            rs.getObject(19) == null ? -1 : rs.getInt(19), rs.getObject(20) == null ? -1 : rs.getLong(20),
            rs.getBoolean(21), rs.getBoolean(22), rs.getString(23), rs.getInt(24), rs.getString(25), rs.getInt(26), rs.getLong(27),
            rs.getLong(28), rs.getString(29))));
    return out;
  }

  /** How many trials of the sweep have started or ended and are not fully in MLflow. */
  int unsyncedTrials(long sweepId) {
    int[] n = new int[1];
    query("SELECT COUNT(*) FROM trials t LEFT JOIN mlflow_trials m ON m.trial_pk = t.pk AND m.sweep_id = t.sweep_id"
        + " WHERE t.sweep_id = ? AND (m.synced IS NULL OR NOT m.synced) AND (t.status <> 'PENDING' OR m.trial_pk IS NOT NULL)",
        s -> s.setLong(1, sweepId), rs -> n[0] = rs.getInt(1));
    return n[0];
  }

  /**
   * How many trials of the sweep are not fully in MLflow: without trial runs, those of the
   * groups whose run is not complete.
   */
  int unsyncedTrials(long sweepId, RunLayout layout) {
    if (layout.trialRuns) {
      return unsyncedTrials(sweepId);
    }
    int[] n = new int[1];
    query("SELECT trial_ids FROM mlflow_groups WHERE sweep_id = ? AND NOT synced", s -> s.setLong(1, sweepId),
        rs -> n[0] += rs.getString(1).split(",").length);
    return n[0];
  }

  /**
   * Child runs of this sweep whose trial a later sweep has taken (a rerun after this sweep's
   * driver died) and that are not complete: they can only end KILLED. Trial pk → run id (null
   * when the run was never created).
   */
  Map<Long, String> strandedTrialRuns(long sweepId) {
    Map<Long, String> out = new java.util.LinkedHashMap<>();
    query("SELECT m.trial_pk, m.run_id FROM mlflow_trials m JOIN trials t ON t.pk = m.trial_pk"
        + " WHERE m.sweep_id = ? AND NOT m.synced AND t.sweep_id <> m.sweep_id ORDER BY m.trial_pk", s -> s.setLong(1, sweepId),
        rs -> out.put(rs.getLong(1), rs.getString(2)));
    return out;
  }

  /** How many trials of the sweep ended FAILED or TIMED_OUT. */
  int failedTrials(long sweepId) {
    int[] n = new int[1];
    query("SELECT COUNT(*) FROM trials WHERE sweep_id = ? AND status IN ('FAILED', 'TIMED_OUT')",
        s -> s.setLong(1, sweepId), rs -> n[0] = rs.getInt(1));
    return n[0];
  }

  // ---- groups

  /** A group to record: its plan index, variant, swept values (the seed aside) and trial ids. */
  record NewGroup(int idx, String variant, String sweptJson, List<String> trialIds) {}

  /** Records the sweep's groups and run layout, unless its groups are recorded already. */
  void recordGroups(long sweepId, RunLayout layout, List<NewGroup> groups) {
    store.write("record MLflow groups", () -> {
      PreparedStatement known = store.statement("SELECT COUNT(*) FROM mlflow_groups WHERE sweep_id = ?");
      known.setLong(1, sweepId);
      try (ResultSet rs = known.executeQuery()) {
        rs.next();
        if (rs.getInt(1) > 0) {
          return null;
        }
      }
      PreparedStatement insert = store.statement(
          "INSERT INTO mlflow_groups (sweep_id, idx, variant, swept_json, trial_ids) VALUES (?, ?, ?, ?, ?)");
      for (NewGroup g : groups) {
        insert.setLong(1, sweepId);
        insert.setInt(2, g.idx());
        insert.setString(3, g.variant());
        insert.setString(4, g.sweptJson());
        insert.setString(5, String.join(",", g.trialIds()));
        insert.addBatch();
      }
      insert.executeBatch();
      PreparedStatement layoutSet = store.statement("UPDATE mlflow_sweeps SET run_layout = ? WHERE sweep_id = ?");
      layoutSet.setString(1, layout.name());
      layoutSet.setLong(2, sweepId);
      layoutSet.executeUpdate();
      return null;
    });
    writes++;
  }

  /** The groups of the trials a sweep ran, the seed aside, for a sweep mirrored only after it ran (no plan recorded). */
  List<NewGroup> groupsOfSweep(long sweepId) {
    Map<String, NewGroup> groups = new java.util.LinkedHashMap<>();
    query("SELECT idx, variant, swept_json, trial_id FROM trials WHERE sweep_id = ? ORDER BY idx, trial_id", s -> s.setLong(1, sweepId),
        rs -> {
          int idx = rs.getInt(1);
          String variant = rs.getString(2);
          String swept = rs.getString(3);
          groups.computeIfAbsent(variant + "\u0000" + swept, k -> new NewGroup(idx, variant, swept, new ArrayList<>()))
              .trialIds().add(rs.getString(4));
        });
    return List.copyOf(groups.values());
  }

  /** The sweep's groups in plan order: all, or only those whose group run is not complete. */
  List<GroupRow> groups(long sweepId, boolean onlyOpen) {
    List<GroupRow> out = new ArrayList<>();
    query("SELECT idx, variant, swept_json, trial_ids, run_id, create_tried, params_sent, sent_points, try_points, metrics_sent,"
        + " status_sent, synced FROM mlflow_groups WHERE sweep_id = ?" + (onlyOpen ? " AND NOT synced" : "") + " ORDER BY idx",
        s -> s.setLong(1, sweepId),
        rs -> out.add(new GroupRow(rs.getInt(1), rs.getString(2), rs.getString(3), List.of(rs.getString(4).split(",")),
            rs.getString(5), rs.getBoolean(6), rs.getBoolean(7), rs.getInt(8), rs.getInt(9), rs.getBoolean(10), rs.getString(11),
            rs.getBoolean(12))));
    return out;
  }

  /** The resolved configs of the trials a sweep ran, in plan order. */
  List<String> configs(long sweepId) {
    List<String> out = new ArrayList<>();
    query("SELECT config_json FROM trials WHERE sweep_id = ? ORDER BY idx, trial_id", s -> s.setLong(1, sweepId),
        rs -> out.add(rs.getString(1)));
    return out;
  }

  /** How many of the sweep's groups are not fully in MLflow. */
  int unsyncedGroups(long sweepId) {
    int[] n = new int[1];
    query("SELECT COUNT(*) FROM mlflow_groups WHERE sweep_id = ? AND NOT synced", s -> s.setLong(1, sweepId), rs -> n[0] = rs.getInt(1));
    return n[0];
  }

  void setGroup(long sweepId, int idx, String assignments, Object... values) {
    set("mlflow_groups", "sweep_id = ? AND idx = ?", assignments, values, sweepId, idx);
  }

  /**
   * Every trial of an experiment as the store has it now (whichever sweep ran it last), by trial
   * id, without its config: one look a pass for all of a sweep's groups. (A query naming a
   * group's hundred trial ids in an IN list is a scan of the experiment's trials in H2, once a
   * group: that took a core beside a 7,200-trial sweep.)
   */
  Map<String, GroupTrial> trialStates(String experiment) {
    Map<String, GroupTrial> out = new HashMap<>();
    query("SELECT pk, trial_id, seed, status, started_at FROM trials WHERE experiment = ?", s -> s.setString(1, experiment),
        rs -> out.put(rs.getString(2), new GroupTrial(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), null,
            instant(rs, 5))));
    return out;
  }

  /** The resolved config of one trial, if the store has it (an index lookup). */
  Optional<String> config(String experiment, String trialId) {
    List<String> out = new ArrayList<>(1);
    query("SELECT config_json FROM trials WHERE experiment = ? AND trial_id = ?", s -> {
      s.setString(1, experiment);
      s.setString(2, trialId);
    }, rs -> out.add(rs.getString(1)));
    return out.stream().findFirst();
  }

  /** Every metric row of a trial, in (key id, step) order. */
  List<Point> points(long trialPk) {
    List<Point> out = new ArrayList<>();
    query("SELECT key_id, step, val, wall_time FROM metrics WHERE trial_pk = ? ORDER BY trial_pk, key_id, step",
        s -> s.setLong(1, trialPk),
        rs -> out.add(new Point(rs.getInt(1), keyName(rs.getInt(1)), rs.getLong(2), rs.getDouble(3), rs.getDouble(4))));
    return out;
  }

  /** Records that a trial goes to MLflow, its child run about to be created (create_tried). */
  void recordTrial(long trialPk, long sweepId) {
    update("INSERT INTO mlflow_trials (trial_pk, sweep_id, create_tried)"
        + " SELECT ?, ?, TRUE FROM DUAL WHERE NOT EXISTS (SELECT 1 FROM mlflow_trials WHERE trial_pk = ? AND sweep_id = ?)", s -> {
          s.setLong(1, trialPk);
          s.setLong(2, sweepId);
          s.setLong(3, trialPk);
          s.setLong(4, sweepId);
        });
  }

  void setTrial(long trialPk, long sweepId, String assignments, Object... values) {
    set("mlflow_trials", "trial_pk = ? AND sweep_id = ?", assignments, values, trialPk, sweepId);
  }

  /**
   * Up to {@code limit} metric rows of a trial after (keyId, step), in (key id, step) order:
   * two range scans of the primary key (the rest of this key, then the keys after it), each
   * ordered exactly as the index so that H2 reads {@code limit} rows, not the whole trial.
   */
  List<Point> pointsAfter(long trialPk, int keyId, long step, int limit) {
    List<Point> out = new ArrayList<>(limit);
    String select = "SELECT key_id, step, val, wall_time FROM metrics WHERE trial_pk = ? AND ";
    String order = " ORDER BY trial_pk, key_id, step LIMIT ";
    SqlConsumer<ResultSet> add = rs -> out.add(new Point(rs.getInt(1), keyName(rs.getInt(1)), rs.getLong(2), rs.getDouble(3),
        rs.getDouble(4)));
    if (keyId >= 0) {
      query(select + "key_id = ? AND step > ?" + order + limit, s -> {
        s.setLong(1, trialPk);
        s.setInt(2, keyId);
        s.setLong(3, step);
      }, add);
    }
    if (out.size() < limit) {
      query(select + "key_id > ?" + order + (limit - out.size()), s -> {
        s.setLong(1, trialPk);
        s.setInt(2, keyId);
      }, add);
    }
    return out;
  }

  private String keyName(int id) {
    String name = keyNames.get(id);
    if (name == null) {
      query("SELECT id, name FROM metric_keys", s -> { }, rs -> keyNames.put(rs.getInt(1), rs.getString(2)));
      name = keyNames.get(id);
    }
    return name;
  }

  // ---- plumbing

  private void set(String table, String where, String assignments, Object[] values, Object... keys) {
    update("UPDATE " + table + " SET " + assignments + " WHERE " + where, s -> {
      int p = 1;
      for (Object v : values) {
        s.setObject(p++, v);
      }
      for (Object k : keys) {
        s.setObject(p++, k);
      }
    });
  }

  /** How many times progress was recorded: what a retry loop counts as getting somewhere. */
  long writes() {
    return writes;
  }

  /**
   * Updates go through statements prepared once (the mirror runs the same few many times, and
   * H2 parses each anew); queries are prepared each time, see {@link StoreConnection#query}.
   */
  private void update(String sql, SqlConsumer<PreparedStatement> bind) {
    store.write("record MLflow progress", () -> {
      PreparedStatement s = store.statement(sql);
      bind.accept(s);
      s.executeUpdate();
      return null;
    });
    writes++;
  }

  private void query(String sql, SqlConsumer<PreparedStatement> bind, SqlConsumer<ResultSet> row) {
    store.query("read MLflow progress", sql, bind, row);
  }

  @Override
  public void close() {
    try {
      store.close();
    } catch (StoreException ignored) {
      // nothing left to lose: every write was committed
    }
  }
}
