package dev.rlx.core.store;

import static dev.rlx.core.store.Columns.instant;
import static dev.rlx.core.store.Columns.now;
import static dev.rlx.core.store.Columns.truncate;

import dev.rlx.sweeps.TrialSpec;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The trials of each experiment ({@code trials}, with their {@code artifacts}) through their
 * life: enqueued PENDING, RUNNING, then COMPLETED with their metrics, or FAILED, TIMED_OUT or
 * CANCELLED. A trial's metrics are written when it ends, after deleting whatever an earlier,
 * killed attempt left, and only then is it marked COMPLETED: a COMPLETED trial has each of its
 * metric rows exactly once, whenever the driver is killed.
 */
public final class TrialRepository {

  private static final int ENQUEUE_BATCH = 5_000;
  private static final int ENQUEUE_ROWS_PER_STATEMENT = 100;

  private final StoreConnection store;
  private final MetricRepository metrics;
  private final Map<String, Long> trialPks = new HashMap<>();

  TrialRepository(StoreConnection store, MetricRepository metrics) {
    this.store = store;
    this.metrics = metrics;
    store.onReset(trialPks::clear);
  }

  /** The stored status of every trial of {@code experiment}, by trial id. */
  public Map<String, TrialStatus> statuses(String experiment) {
    Map<String, TrialStatus> out = new HashMap<>();
    store.query("read the store", "SELECT trial_id, status FROM trials WHERE experiment = ?", s -> s.setString(1, experiment),
        rs -> out.put(rs.getString(1), TrialStatus.valueOf(rs.getString(2))));
    return out;
  }

  /**
   * Records the trials a sweep will run as PENDING (new ones inserted, earlier unfinished
   * ones reset), all in one transaction.
   */
  public void enqueue(String experiment, long sweepId, Collection<TrialSpec> trials, Map<String, String> sweptJson) {
    // Another driver of the same sweep may insert the same new trials between the read of the
    // known ones and the insert: the insert then fails on the unique key, and is done again
    // knowing them (they are reset instead, where they still need a run).
    for (int attempt = 1; ; attempt++) {
      try {
        enqueueOnce(experiment, sweepId, trials, sweptJson);
        return;
      } catch (StoreException e) {
        if (attempt >= 5 || !(e.getCause() instanceof SQLException sql) || !"23505".equals(sql.getSQLState())) {
          throw e;
        }
      }
    }
  }

  private void enqueueOnce(String experiment, long sweepId, Collection<TrialSpec> trials, Map<String, String> sweptJson) {
    Set<String> known = statuses(experiment).keySet();
    List<TrialSpec> fresh = trials.stream().filter(t -> !known.contains(t.id())).toList();
    store.inTransaction("write to the store", () -> {
      // New trials: multi-row INSERTs (a MERGE looks each key up first, at twice the cost).
      for (int from = 0; from < fresh.size(); from += ENQUEUE_ROWS_PER_STATEMENT) {
        List<TrialSpec> chunk = fresh.subList(from, Math.min(fresh.size(), from + ENQUEUE_ROWS_PER_STATEMENT));
        PreparedStatement insert = store.statement(enqueueSql(chunk.size()));
        int i = 0;
        for (TrialSpec t : chunk) {
          insert.setString(++i, experiment);
          insert.setString(++i, t.id());
          insert.setLong(++i, sweepId);
          insert.setInt(++i, t.index());
          insert.setString(++i, t.variant());
          insert.setLong(++i, t.seed());
          insert.setString(++i, sweptJson.getOrDefault(t.id(), "{}"));
          insert.setString(++i, t.config().toString());
        }
        insert.executeUpdate();
      }
      // Earlier unfinished trials: back to PENDING under this sweep — unless another driver has
      // finished one since the caller looked, or holds it now (RUNNING under a live lease).
      PreparedStatement reset = store.statement("UPDATE trials SET sweep_id = ?, idx = ?, variant = ?, seed = ?, swept_json = ?,"
          + " config_json = ?, status = 'PENDING', error = NULL, error_trace = NULL WHERE experiment = ? AND trial_id = ?"
          + " AND status <> 'COMPLETED' AND (status <> 'RUNNING' OR lease_until IS NULL OR lease_until < CURRENT_TIMESTAMP)");
      int n = 0;
      for (TrialSpec t : trials) {
        if (!known.contains(t.id())) {
          continue;
        }
        reset.setLong(1, sweepId);
        reset.setInt(2, t.index());
        reset.setString(3, t.variant());
        reset.setLong(4, t.seed());
        reset.setString(5, sweptJson.getOrDefault(t.id(), "{}"));
        reset.setString(6, t.config().toString());
        reset.setString(7, experiment);
        reset.setString(8, t.id());
        reset.addBatch();
        if (++n % ENQUEUE_BATCH == 0) {
          reset.executeBatch();
        }
      }
      reset.executeBatch();
    });
  }

  private static String enqueueSql(int rows) {
    StringBuilder sql = new StringBuilder(
        "INSERT INTO trials (experiment, trial_id, sweep_id, idx, variant, seed, swept_json, config_json, status) VALUES ");
    for (int r = 0; r < rows; r++) {
      sql.append(r == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?, ?, 'PENDING')");
    }
    return sql.toString();
  }

  /**
   * Claims a trial for the driver {@code owner}: moves it to RUNNING, in one compare-and-set
   * statement committed at once, if it is PENDING or RUNNING under an expired lease, and holds
   * it for {@code lease} (renewed by {@link #renewLeases}). Returns false when another driver
   * has it or has finished it: then this driver must not run it.
   */
  public boolean claim(String experiment, String trialId, int attempt, String isolation, String device, String runDir,
      String owner, java.time.Duration lease) {
    boolean claimed = store.write("claim trial " + trialId, () -> {
      PreparedStatement s = store.statement("UPDATE trials SET status = 'RUNNING', attempts = ?, isolation = ?, device = ?,"
          + " run_dir = ?, started_at = ?, finished_at = NULL, duration_ms = NULL, error = NULL, error_trace = NULL,"
          + " owner = ?, lease_until = DATEADD(MILLISECOND, ?, CURRENT_TIMESTAMP), claims = claims + 1"
          + " WHERE pk = ? AND (status = 'PENDING' OR (status = 'RUNNING' AND (lease_until IS NULL OR lease_until < CURRENT_TIMESTAMP)))");
      s.setInt(1, attempt);
      s.setString(2, isolation);
      s.setString(3, device);
      s.setString(4, runDir);
      s.setObject(5, now());
      s.setString(6, owner);
      s.setLong(7, lease.toMillis());
      s.setLong(8, trialPk(experiment, trialId));
      try {
        return s.executeUpdate() == 1;
      } catch (SQLException e) {
        if (e.getErrorCode() == 90131 || e.getErrorCode() == 50200) {
          return false; // CONCURRENT_UPDATE, LOCK_TIMEOUT: another driver's claim of this very row won
        }
        throw e;
      }
    });
    store.commitGroup(); // other drivers must see the claim now
    return claimed;
  }

  /** Extends the leases of every trial {@code owner} is running; committed at once. */
  public void renewLeases(String owner, java.time.Duration lease) {
    store.update("renew the leases of " + owner,
        "UPDATE trials SET lease_until = DATEADD(MILLISECOND, ?, CURRENT_TIMESTAMP) WHERE owner = ? AND status = 'RUNNING'", s -> {
          s.setLong(1, lease.toMillis());
          s.setString(2, owner);
        });
    store.commitGroup();
  }

  /**
   * Of the trials {@code ids}, those not yet ended, each with whether it can be claimed now
   * (PENDING, or RUNNING under an expired lease) or is held by a live driver.
   */
  public Map<String, Boolean> unfinished(String experiment, Collection<String> ids) {
    Set<String> wanted = Set.copyOf(ids);
    Map<String, Boolean> out = new HashMap<>();
    store.query("read the store", "SELECT trial_id, status = 'PENDING' OR lease_until IS NULL OR lease_until < CURRENT_TIMESTAMP"
        + " FROM trials WHERE experiment = ? AND status IN ('PENDING', 'RUNNING')", s -> s.setString(1, experiment), rs -> {
          if (wanted.contains(rs.getString(1))) {
            out.put(rs.getString(1), rs.getBoolean(2));
          }
        });
    return out;
  }

  /**
   * Ends the leases of drivers on this host whose process is gone, so that their RUNNING trials
   * can be claimed at once instead of when the lease runs out. Returns how many trials were freed.
   */
  public int releaseOrphans(String experiment) {
    Set<String> owners = new java.util.HashSet<>();
    store.query("read the store", "SELECT DISTINCT owner FROM trials WHERE experiment = ? AND status = 'RUNNING'"
        + " AND owner IS NOT NULL", s -> s.setString(1, experiment), rs -> owners.add(rs.getString(1)));
    int freed = 0;
    for (String owner : owners) {
      if (DriverId.parse(owner).map(DriverId::goneFromThisHost).orElse(false)) {
        freed += store.write("free the trials of " + owner, () -> {
          PreparedStatement s = store.statement(
              "UPDATE trials SET lease_until = NULL WHERE experiment = ? AND owner = ? AND status = 'RUNNING'");
          s.setString(1, experiment);
          s.setString(2, owner);
          return s.executeUpdate();
        });
      }
    }
    store.commitGroup();
    return freed;
  }

  /**
   * How many of the RUNNING trials of {@code experiment} another driver holds now: under a
   * lease that has not run out, of a driver that is not known to be gone. The other RUNNING
   * trials were interrupted (their driver died) and run again.
   */
  public int runningElsewhere(String experiment) {
    Map<String, Integer> byOwner = new HashMap<>();
    store.query("read the store", "SELECT owner, COUNT(*) FROM trials WHERE experiment = ? AND status = 'RUNNING'"
        + " AND owner IS NOT NULL AND lease_until > CURRENT_TIMESTAMP GROUP BY owner", s -> s.setString(1, experiment),
        rs -> byOwner.put(rs.getString(1), rs.getInt(2)));
    int n = 0;
    for (Map.Entry<String, Integer> e : byOwner.entrySet()) {
      if (!DriverId.parse(e.getKey()).map(DriverId::goneFromThisHost).orElse(false)) {
        n += e.getValue();
      }
    }
    return n;
  }

  /** How many times each trial of {@code experiment} was claimed, by trial id. */
  public Map<String, Integer> claims(String experiment) {
    Map<String, Integer> out = new HashMap<>();
    store.query("read the store", "SELECT trial_id, claims FROM trials WHERE experiment = ?", s -> s.setString(1, experiment),
        rs -> out.put(rs.getString(1), rs.getInt(2)));
    return out;
  }

  public void markRunning(String experiment, String trialId, int attempt, String isolation, String device, String runDir) {
    store.write("mark trial " + trialId + " running", () -> {
      PreparedStatement s = store.statement("UPDATE trials SET status = 'RUNNING', attempts = ?, isolation = ?, device = ?, run_dir = ?,"
          + " started_at = ?, finished_at = NULL, duration_ms = NULL, error = NULL, error_trace = NULL WHERE pk = ?");
      s.setInt(1, attempt);
      s.setString(2, isolation);
      s.setString(3, device);
      s.setString(4, runDir);
      s.setObject(5, now());
      s.setLong(6, trialPk(experiment, trialId));
      s.executeUpdate();
      return null;
    });
  }

  /**
   * Stores a finished trial's metrics and artifacts, then marks it COMPLETED. The metric rows
   * are committed in chunks (one long transaction would make H2 keep an undo log of every
   * row, at a third of the speed); the status is written last, so a trial is only COMPLETED
   * once all its rows are in.
   */
  public void complete(String experiment, String trialId, long durationMs, Collection<MetricRow> rows, Map<String, Path> artifacts) {
    store.write("store the metrics of trial " + trialId, () -> {
      long pk = trialPk(experiment, trialId);
      PreparedStatement delete = store.statement("DELETE FROM metrics WHERE trial_pk = ?");
      delete.setLong(1, pk);
      delete.executeUpdate();
      if (!rows.isEmpty()) {
        metrics.insert(pk, rows);
      }
      store.atomically(() -> {
        if (!artifacts.isEmpty()) {
          PreparedStatement insert = store.statement(
              "MERGE INTO artifacts (trial_pk, name, path, size_bytes) KEY (trial_pk, name) VALUES (?, ?, ?, ?)");
          for (Map.Entry<String, Path> a : artifacts.entrySet()) {
            insert.setLong(1, pk);
            insert.setString(2, a.getKey());
            insert.setString(3, a.getValue().toString());
            insert.setLong(4, a.getValue().toFile().length());
            insert.addBatch();
          }
          insert.executeBatch();
        }
        PreparedStatement done = store.statement(
            "UPDATE trials SET status = 'COMPLETED', finished_at = ?, duration_ms = ?, error = NULL, error_trace = NULL WHERE pk = ?");
        done.setObject(1, now());
        done.setLong(2, durationMs);
        done.setLong(3, pk);
        done.executeUpdate();
      });
      return null;
    });
  }

  /** Marks a trial FAILED, TIMED_OUT or CANCELLED with what went wrong. */
  public void finish(String experiment, String trialId, TrialStatus status, long durationMs, String error, String trace) {
    store.update("write to the store",
        "UPDATE trials SET status = ?, finished_at = ?, duration_ms = ?, error = ?, error_trace = ? WHERE experiment = ? AND trial_id = ?", s -> {
          s.setString(1, status.name());
          s.setObject(2, now());
          s.setLong(3, durationMs);
          s.setString(4, truncate(error, 4096));
          s.setString(5, trace);
          s.setString(6, experiment);
          s.setString(7, trialId);
        });
  }

  /** Forgets every trial of {@code experiment} with its metrics and artifacts: for {@code --fresh}. */
  public int forget(String experiment) {
    int[] count = new int[1];
    store.query("read the store", "SELECT COUNT(*) FROM trials WHERE experiment = ?", s -> s.setString(1, experiment),
        rs -> count[0] = rs.getInt(1));
    store.inTransaction("write to the store", () -> {
      for (String table : List.of("metrics", "artifacts")) {
        try (PreparedStatement delete = store.jdbc().prepareStatement(
            "DELETE FROM " + table + " WHERE trial_pk IN (SELECT pk FROM trials WHERE experiment = ?)")) {
          delete.setString(1, experiment);
          delete.executeUpdate();
        }
      }
      try (PreparedStatement delete = store.jdbc().prepareStatement("DELETE FROM trials WHERE experiment = ?")) {
        delete.setString(1, experiment);
        delete.executeUpdate();
      }
    });
    trialPks.keySet().removeIf(k -> k.startsWith(experiment + '/'));
    return count[0];
  }

  /** Every trial of {@code experiment}, in plan order. */
  public List<StoredTrial> of(String experiment) {
    List<StoredTrial> out = new ArrayList<>();
    store.query("read the store", "SELECT pk, experiment, trial_id, sweep_id, idx, variant, seed, swept_json, config_json, status,"
        + " attempts, device, run_dir, started_at, finished_at, duration_ms, error FROM trials WHERE experiment = ? ORDER BY idx, trial_id",
        s -> s.setString(1, experiment), rs -> out.add(new StoredTrial(
            rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getInt(5), rs.getString(6), rs.getLong(7),
            rs.getString(8), rs.getString(9), TrialStatus.valueOf(rs.getString(10)), rs.getInt(11), rs.getString(12),
            rs.getString(13), instant(rs, 14), instant(rs, 15), (Long) rs.getObject(16), rs.getString(17))));
    return out;
  }

  private long trialPk(String experiment, String trialId) throws SQLException {
    String cacheKey = experiment + '/' + trialId;
    Long cached = trialPks.get(cacheKey);
    if (cached != null) {
      return cached;
    }
    PreparedStatement find = store.statement("SELECT pk FROM trials WHERE experiment = ? AND trial_id = ?");
    find.setString(1, experiment);
    find.setString(2, trialId);
    try (ResultSet rs = find.executeQuery()) {
      if (!rs.next()) {
        throw new SQLException("no trial " + trialId + " of " + experiment);
      }
      trialPks.put(cacheKey, rs.getLong(1));
      return rs.getLong(1);
    }
  }
}
