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

  private MlflowLedger(StoreConnection store) {
    this.store = store;
  }

  /**
   * Opens the ledger of the store at {@code url} (already migrated by whoever opened the store).
   * Its connection is replaced if the database is shut down under it: the driver does that when
   * it writes back a store file deleted mid-sweep.
   */
  static MlflowLedger open(String url) {
    return new MlflowLedger(StoreConnection.open(url));
  }

  /** A sweep as the mirror needs it: the store's record and how far MLflow has got. */
  record SweepRow(long sweepId, String experiment, String sweepStatus, Instant startedAt, Instant finishedAt,
      String rlxVersion, String gitCommit, String specFile, String specText, boolean mirrored, String trackingUri,
      String experimentName, String sweepUid, String experimentId, String runId, boolean createTried, boolean tagsSent,
      boolean specSent, String reportDir, boolean reportSent, String statusSent, boolean synced) {}

  /** A trial of a sweep and how far its child run has got. */
  record TrialRow(long pk, String trialId, int index, String variant, long seed, String sweptJson, String configJson,
      String status, String device, Instant startedAt, Instant finishedAt, String error, boolean mirrored, String runId,
      boolean createTried, boolean paramsSent, int sentKeyId, long sentStep, int tryKeyId, long tryStep,
      boolean metricsSent, boolean configSent, String statusSent) {}

  /** A stored metric row with its key's id (the order rows are sent in is (key id, step)). */
  record Point(int keyId, String key, long step, double value, double wallTime) {}

  Optional<SweepRow> sweep(long sweepId) {
    List<SweepRow> out = new ArrayList<>();
    query("SELECT s.id, s.experiment, s.status, s.started_at, s.finished_at, s.rlx_version, s.git_commit, e.spec_file, e.spec_text,"
        + " m.sweep_id, m.tracking_uri, m.experiment_name, m.sweep_uid, m.experiment_id, m.run_id, m.create_tried, m.tags_sent,"
        + " m.spec_sent, m.report_dir, m.report_sent, m.status_sent, m.synced"
        + " FROM sweeps s JOIN experiments e ON e.id = s.experiment_id LEFT JOIN mlflow_sweeps m ON m.sweep_id = s.id WHERE s.id = ?",
        s -> s.setLong(1, sweepId),
        rs -> out.add(new SweepRow(rs.getLong(1), rs.getString(2), rs.getString(3), instant(rs, 4), instant(rs, 5),
            rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getObject(10) != null, rs.getString(11),
            rs.getString(12), rs.getString(13), rs.getString(14), rs.getString(15), rs.getBoolean(16), rs.getBoolean(17),
            rs.getBoolean(18), rs.getString(19), rs.getBoolean(20), rs.getString(21), rs.getBoolean(22))));
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
        + " m.try_key_id, m.try_step, m.metrics_sent, m.config_sent, m.status_sent"
        + " FROM trials t LEFT JOIN mlflow_trials m ON m.trial_pk = t.pk AND m.sweep_id = t.sweep_id"
        + " WHERE t.sweep_id = ? AND (m.synced IS NULL OR NOT m.synced) AND (t.status <> 'PENDING' OR m.trial_pk IS NOT NULL)"
        + " ORDER BY t.idx, t.trial_id",
        s -> s.setLong(1, sweepId),
        rs -> out.add(new TrialRow(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getString(4), rs.getLong(5), rs.getString(6),
            rs.getString(7), rs.getString(8), rs.getString(9), instant(rs, 10), instant(rs, 11), rs.getString(12),
            rs.getObject(13) != null, rs.getString(14), rs.getBoolean(15), rs.getBoolean(16),
            rs.getObject(17) == null ? -1 : rs.getInt(17), rs.getObject(18) == null ? -1 : rs.getLong(18),
            rs.getObject(19) == null ? -1 : rs.getInt(19), rs.getObject(20) == null ? -1 : rs.getLong(20),
            rs.getBoolean(21), rs.getBoolean(22), rs.getString(23))));
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

  /** How many trials of the sweep ended FAILED or TIMED_OUT. */
  int failedTrials(long sweepId) {
    int[] n = new int[1];
    query("SELECT COUNT(*) FROM trials WHERE sweep_id = ? AND status IN ('FAILED', 'TIMED_OUT')",
        s -> s.setLong(1, sweepId), rs -> n[0] = rs.getInt(1));
    return n[0];
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
