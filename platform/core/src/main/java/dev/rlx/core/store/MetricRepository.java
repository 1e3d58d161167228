package dev.rlx.core.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The trials' metric rows ({@code metrics}, keys named in {@code metric_keys}): written once per trial, read by key or trial. */
public final class MetricRepository {

  /** Rows per INSERT statement: multi-row VALUES cut H2's per-statement overhead. */
  private static final int ROWS_PER_STATEMENT = 200;

  private final StoreConnection store;
  private final Map<String, Integer> keyIds = new HashMap<>();

  MetricRepository(StoreConnection store) {
    this.store = store;
    store.onReset(keyIds::clear);
  }

  /** Metric rows of one trial, ordered by key and step. */
  public List<MetricRow> of(long trialPk) {
    List<MetricRow> out = new ArrayList<>();
    store.query("read the store", "SELECT k.name, m.step, m.val, m.wall_time FROM metrics m JOIN metric_keys k ON k.id = m.key_id"
        + " WHERE m.trial_pk = ? ORDER BY k.name, m.step", s -> s.setLong(1, trialPk),
        rs -> out.add(new MetricRow(rs.getString(1), rs.getLong(2), rs.getDouble(3), rs.getDouble(4))));
    return out;
  }

  /** Every row of one metric key across an experiment's trials, by trial pk, each list in step order: one query. */
  public Map<Long, List<MetricRow>> ofKey(String experiment, String key) {
    Map<Long, List<MetricRow>> out = new HashMap<>();
    store.query("read the store", "SELECT m.trial_pk, m.step, m.val, m.wall_time FROM trials t JOIN metrics m ON m.trial_pk = t.pk"
        + " WHERE t.experiment = ? AND m.key_id = (SELECT id FROM metric_keys WHERE name = ?) ORDER BY m.trial_pk, m.step",
        s -> {
          s.setString(1, experiment);
          s.setString(2, key);
        },
        rs -> out.computeIfAbsent(rs.getLong(1), pk -> new ArrayList<>())
            .add(new MetricRow(key, rs.getLong(2), rs.getDouble(3), rs.getDouble(4))));
    return out;
  }

  /** Streams every metric row of an experiment's trials: (trial id, row). */
  public void forEach(String experiment, MetricVisitor visitor) {
    store.query("read the store", "SELECT t.trial_id, k.name, m.step, m.val, m.wall_time FROM metrics m JOIN trials t ON t.pk = m.trial_pk"
        + " JOIN metric_keys k ON k.id = m.key_id WHERE t.experiment = ? ORDER BY t.idx, t.trial_id, k.name, m.step",
        s -> s.setString(1, experiment),
        rs -> visitor.visit(rs.getString(1), new MetricRow(rs.getString(2), rs.getLong(3), rs.getDouble(4), rs.getDouble(5))));
  }

  /** Receives metric rows from {@link #forEach}. */
  @FunctionalInterface
  public interface MetricVisitor {
    void visit(String trialId, MetricRow row);
  }

  public long count(String experiment) {
    long[] count = new long[1];
    store.query("read the store", "SELECT COUNT(*) FROM metrics m JOIN trials t ON t.pk = m.trial_pk WHERE t.experiment = ?",
        s -> s.setString(1, experiment), rs -> count[0] = rs.getLong(1));
    return count[0];
  }

  /**
   * Inserts metric rows for a trial, inside a write. Rows go in primary-key order (key, then
   * step), so the index only ever appends, and many rows per statement.
   */
  void insert(long trialPk, Collection<MetricRow> rows) throws SQLException {
    int n = rows.size();
    int[] keys = new int[n];
    MetricRow[] sorted = rows.toArray(MetricRow[]::new);
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      keys[i] = keyId(sorted[i].key());
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> keys[a] != keys[b] ? Integer.compare(keys[a], keys[b])
        : Long.compare(sorted[a].step(), sorted[b].step()));
    try (PreparedStatement full = store.jdbc().prepareStatement(insertSql(ROWS_PER_STATEMENT))) {
      int i = 0;
      for (; i + ROWS_PER_STATEMENT <= n; i += ROWS_PER_STATEMENT) {
        bindRows(full, trialPk, sorted, keys, order, i, ROWS_PER_STATEMENT);
        full.executeUpdate();
        if (store.grouped() && (i / ROWS_PER_STATEMENT) % 50 == 49) {
          store.jdbc().commit(); // keep a big trial's undo log short; its status is still written last
        }
      }
      if (i < n) {
        try (PreparedStatement rest = store.jdbc().prepareStatement(insertSql(n - i))) {
          bindRows(rest, trialPk, sorted, keys, order, i, n - i);
          rest.executeUpdate();
        }
      }
    }
  }

  private static String insertSql(int rows) {
    StringBuilder sql = new StringBuilder("INSERT INTO metrics (trial_pk, key_id, step, val, wall_time) VALUES ");
    for (int r = 0; r < rows; r++) {
      sql.append(r == 0 ? "(?, ?, ?, ?, ?)" : ", (?, ?, ?, ?, ?)");
    }
    return sql.toString();
  }

  private static void bindRows(PreparedStatement s, long trialPk, MetricRow[] rows, int[] keys, Integer[] order,
      int from, int count) throws SQLException {
    int p = 1;
    for (int r = from; r < from + count; r++) {
      int i = order[r];
      s.setLong(p++, trialPk);
      s.setInt(p++, keys[i]);
      s.setLong(p++, rows[i].step());
      s.setDouble(p++, rows[i].value());
      s.setDouble(p++, rows[i].wallTime());
    }
  }

  private int keyId(String key) throws SQLException {
    Integer id = keyIds.get(key);
    if (id != null) {
      return id;
    }
    try (PreparedStatement merge = store.jdbc().prepareStatement("MERGE INTO metric_keys (name) KEY (name) VALUES (?)")) {
      merge.setString(1, key);
      merge.executeUpdate();
    }
    try (PreparedStatement find = store.jdbc().prepareStatement("SELECT id FROM metric_keys WHERE name = ?")) {
      find.setString(1, key);
      try (ResultSet rs = find.executeQuery()) {
        rs.next();
        id = rs.getInt(1);
      }
    }
    keyIds.put(key, id);
    return id;
  }
}
