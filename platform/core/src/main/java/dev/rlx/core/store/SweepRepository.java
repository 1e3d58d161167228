package dev.rlx.core.store;

import static dev.rlx.core.store.Columns.generatedKey;
import static dev.rlx.core.store.Columns.instant;
import static dev.rlx.core.store.Columns.now;
import static dev.rlx.core.store.Columns.truncate;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The experiments (one row per spec text) and the sweeps run of them, with where and by what each ran. */
public final class SweepRepository {

  private static final String COLUMNS = "id, experiment, status, trials_total, started_at, finished_at, rlx_version, git_commit, host";

  private final StoreConnection store;

  SweepRepository(StoreConnection store) {
    this.store = store;
  }

  /** The experiment row for this spec text, created on first use. */
  public long experiment(String name, String specHash, String file, String text) {
    return store.write("record the experiment", () -> findOrInsertExperiment(name, specHash, file, text));
  }

  private long findOrInsertExperiment(String name, String specHash, String file, String text) throws SQLException {
    try {
      return findOrInsertOnce(name, specHash, file, text);
    } catch (SQLException e) {
      if (!"23505".equals(e.getSQLState())) {
        throw e;
      }
      // Another driver of the same spec inserted it between the look-up and the insert: it is there now.
      return findOrInsertOnce(name, specHash, file, text);
    }
  }

  private long findOrInsertOnce(String name, String specHash, String file, String text) throws SQLException {
    try (PreparedStatement find = store.jdbc().prepareStatement("SELECT id FROM experiments WHERE name = ? AND spec_hash = ?")) {
      find.setString(1, name);
      find.setString(2, specHash);
      try (ResultSet rs = find.executeQuery()) {
        if (rs.next()) {
          return rs.getLong(1);
        }
      }
      try (PreparedStatement insert = store.jdbc().prepareStatement(
          "INSERT INTO experiments (name, spec_hash, spec_file, spec_text, created_at) VALUES (?, ?, ?, ?, ?)",
          Statement.RETURN_GENERATED_KEYS)) {
        insert.setString(1, name);
        insert.setString(2, specHash);
        insert.setString(3, file);
        insert.setString(4, text);
        insert.setObject(5, now());
        insert.executeUpdate();
        return generatedKey(insert);
      }
    }
  }

  /** Records a sweep of {@code experiment} as RUNNING; returns its id. */
  public long start(String experiment, long experimentId, int trialsTotal, Provenance provenance) {
    return store.write("record the sweep", () -> {
      try (PreparedStatement insert = store.jdbc().prepareStatement(
          "INSERT INTO sweeps (experiment, experiment_id, status, trials_total, started_at, rlx_version, git_commit, host, jvm, command_line,"
              + " driver) VALUES (?, ?, 'RUNNING', ?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
        insert.setString(1, experiment);
        insert.setLong(2, experimentId);
        insert.setInt(3, trialsTotal);
        insert.setObject(4, now());
        insert.setString(5, provenance.rlxVersion());
        insert.setString(6, provenance.gitCommit());
        insert.setString(7, provenance.host());
        insert.setString(8, provenance.jvm());
        insert.setString(9, truncate(provenance.commandLine(), 4096));
        insert.setString(10, DriverId.current().toString());
        insert.executeUpdate();
        return generatedKey(insert);
      }
    });
  }

  /** Forgets the sweep's driver: a Slurm sweep goes on in its job arrays when its driver exits. */
  public void detach(long sweepId) {
    store.update("write to the store", "UPDATE sweeps SET driver = NULL WHERE id = ?", s -> s.setLong(1, sweepId));
  }

  /**
   * Marks INTERRUPTED, ended now, every RUNNING sweep whose driver ran on this host and is gone
   * (killed, crashed: it could not say so itself); returns their ids, oldest first.
   */
  public List<Long> closeAbandoned() {
    Map<Long, String> running = new java.util.LinkedHashMap<>();
    store.query("read the store", "SELECT id, driver FROM sweeps WHERE status = 'RUNNING' AND driver IS NOT NULL ORDER BY id",
        s -> { }, rs -> running.put(rs.getLong(1), rs.getString(2)));
    List<Long> closed = new ArrayList<>();
    running.forEach((id, driver) -> {
      if (DriverId.parse(driver).map(DriverId::goneFromThisHost).orElse(false)) {
        int n = store.write("close sweep " + id, () -> {
          PreparedStatement s = store.statement("UPDATE sweeps SET status = 'INTERRUPTED', finished_at = ? WHERE id = ? AND status = 'RUNNING'");
          s.setObject(1, now());
          s.setLong(2, id);
          return s.executeUpdate();
        });
        if (n > 0) {
          closed.add(id);
        }
      }
    });
    return closed;
  }

  public void finish(long sweepId, String status) {
    store.update("write to the store", "UPDATE sweeps SET status = ?, finished_at = ? WHERE id = ?", s -> {
      s.setString(1, status);
      s.setObject(2, now());
      s.setLong(3, sweepId);
    });
  }

  /** The latest {@code limit} sweeps, of {@code experiment} or of all, newest first. */
  public List<SweepRecord> recent(Optional<String> experiment, int limit) {
    List<SweepRecord> out = new ArrayList<>();
    store.query("read the store", "SELECT " + COLUMNS + " FROM sweeps"
        + (experiment.isPresent() ? " WHERE experiment = ?" : "") + " ORDER BY id DESC LIMIT " + limit,
        s -> {
          if (experiment.isPresent()) {
            s.setString(1, experiment.get());
          }
        },
        rs -> out.add(record(rs)));
    return out;
  }

  public Optional<SweepRecord> find(long id) {
    List<SweepRecord> out = new ArrayList<>();
    store.query("read the store", "SELECT " + COLUMNS + " FROM sweeps WHERE id = ?", s -> s.setLong(1, id), rs -> out.add(record(rs)));
    return out.stream().findFirst();
  }

  private static SweepRecord record(ResultSet rs) throws SQLException {
    return new SweepRecord(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4), instant(rs, 5), instant(rs, 6),
        rs.getString(7), rs.getString(8), rs.getString(9));
  }
}
