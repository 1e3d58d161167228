package dev.rlx.core.store;

import dev.rlx.sweeps.TrialSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;

/**
 * The results store: an H2 file database (or any JDBC URL) whose schema Flyway manages from
 * {@code db/rlx/V*.sql}. The source of truth for experiments, sweeps, trials, metrics and
 * artifacts. A trial's metrics are written when it ends, after deleting whatever an earlier,
 * killed attempt left, and only then is it marked COMPLETED: a COMPLETED trial has each of
 * its metric rows exactly once, whenever the driver is killed.
 *
 * <p>Not thread-safe by design: the sweep driver calls it from its scheduling thread only.
 */
public final class ResultsStore implements AutoCloseable {

  /** Environment variable naming another store (a JDBC URL). */
  public static final String STORE_ENV = "RLX_STORE";


  private static final int ENQUEUE_BATCH = 5_000;

  private final String url;
  private Connection connection;
  /**
   * The writes since the last group commit, in order: replayed on a new connection when the
   * one they went through is lost with their transaction (see {@link #write}).
   */
  private final List<SqlWork> group = new ArrayList<>();
  private final Map<String, Integer> keyIds = new HashMap<>();
  private final Map<String, Long> trialPks = new HashMap<>();
  private final Map<String, PreparedStatement> statements = new HashMap<>();
  private boolean grouped;

  private ResultsStore(String url, Connection connection) {
    this.url = url;
    this.connection = connection;
  }

  /** The default store: {@code .rlx/results} under {@code workDir}, reachable by other rlx processes while open. */
  public static String defaultUrl(Path workDir) {
    return urlIn(workDir.resolve(".rlx"));
  }

  /** The store kept in {@code directory} (the H2 file {@code results.mv.db}), reachable by other rlx processes while open. */
  public static String urlIn(Path directory) {
    return "jdbc:h2:file:" + directory.resolve("results").toAbsolutePath() + ";AUTO_SERVER=TRUE";
  }

  /** Opens the store at {@code url}, creating or migrating its schema first. */
  public static ResultsStore open(String url) {
    migrate(url);
    try {
      return new ResultsStore(url, connect(url));
    } catch (SQLException e) {
      throw new StoreException("cannot open the results store at " + url + ": " + e.getMessage(), e);
    }
  }

  /**
   * Opens the store at {@code url} to read it: like {@link #open}, but a file store that does
   * not exist is not created (an empty store there would read as "no sweeps", as if results
   * had been lost): {@link NoStoreException} instead.
   */
  public static ResultsStore openExisting(String url) {
    Optional<Path> file = h2File(url);
    if (file.isPresent() && !Files.exists(file.get())) {
      throw new NoStoreException(file.get());
    }
    return open(url);
  }

  /** The file of an H2 file store ({@code jdbc:h2:file:PATH} or {@code jdbc:h2:PATH}), if {@code url} names one. */
  public static Optional<Path> h2File(String url) {
    if (!url.startsWith("jdbc:h2:")) {
      return Optional.empty();
    }
    String name = url.substring("jdbc:h2:".length());
    int options = name.indexOf(';');
    name = options < 0 ? name : name.substring(0, options);
    if (name.startsWith("file:")) {
      name = name.substring("file:".length());
    } else if (name.contains(":")) {
      return Optional.empty(); // in memory (mem:), on a server (tcp:, ssl:), or another file system (zip:, nio:, ...)
    }
    if (name.startsWith("~")) {
      name = System.getProperty("user.home") + name.substring(1);
    }
    return Optional.of(Path.of(name + ".mv.db").toAbsolutePath());
  }

  /** A connection to {@code url} that commits every write, and writes every commit to the file at once. */
  private static Connection connect(String url) throws SQLException {
    Connection connection = DriverManager.getConnection(url, "rlx", "");
    try {
      connection.setAutoCommit(true);
      if (url.startsWith("jdbc:h2:")) {
        // H2 writes committed transactions to its file up to a second later by default; a
        // killed driver would lose the trials it had just recorded. Write on commit.
        try (Statement s = connection.createStatement()) {
          s.execute("SET WRITE_DELAY 0");
        }
      }
      return connection;
    } catch (SQLException e) {
      connection.close();
      throw e;
    }
  }

  /** Applies pending migrations; returns how many were applied. */
  public static int migrate(String url) {
    try {
      return flyway(url).migrate().migrationsExecuted;
    } catch (org.flywaydb.core.api.FlywayException e) {
      throw new StoreException("cannot bring the results store at " + url + " to this rlx's schema: "
          + e.getMessage().lines().findFirst().orElse("") + " (" + e.getClass().getSimpleName() + ")", e);
    }
  }

  /** The applied and pending migrations. */
  public static List<MigrationInfo> migrations(String url) {
    return List.of(flyway(url).info().all());
  }

  private static Flyway flyway(String url) {
    return Flyway.configure(ResultsStore.class.getClassLoader())
        .dataSource(url, "rlx", "")
        .locations("classpath:db/rlx")
        .loggers("slf4j")
        .load();
  }

  public String url() {
    return url;
  }

  // ---- experiments and sweeps

  /** The experiment row for this spec text, created on first use. */
  public long experiment(String name, String specHash, String file, String text) {
    return write("record the experiment", () -> findOrInsertExperiment(name, specHash, file, text));
  }

  private long findOrInsertExperiment(String name, String specHash, String file, String text) throws SQLException {
    try (PreparedStatement find = connection.prepareStatement("SELECT id FROM experiments WHERE name = ? AND spec_hash = ?")) {
      find.setString(1, name);
      find.setString(2, specHash);
      try (ResultSet rs = find.executeQuery()) {
        if (rs.next()) {
          return rs.getLong(1);
        }
      }
      try (PreparedStatement insert = connection.prepareStatement(
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

  public long startSweep(String experiment, long experimentId, int trialsTotal, Provenance provenance) {
    return write("record the sweep", () -> insertSweep(experiment, experimentId, trialsTotal, provenance));
  }

  private long insertSweep(String experiment, long experimentId, int trialsTotal, Provenance provenance) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(
        "INSERT INTO sweeps (experiment, experiment_id, status, trials_total, started_at, rlx_version, git_commit, host, jvm, command_line)"
            + " VALUES (?, ?, 'RUNNING', ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
      insert.setString(1, experiment);
      insert.setLong(2, experimentId);
      insert.setInt(3, trialsTotal);
      insert.setObject(4, now());
      insert.setString(5, provenance.rlxVersion());
      insert.setString(6, provenance.gitCommit());
      insert.setString(7, provenance.host());
      insert.setString(8, provenance.jvm());
      insert.setString(9, truncate(provenance.commandLine(), 4096));
      insert.executeUpdate();
      return generatedKey(insert);
    }
  }

  public void finishSweep(long sweepId, String status) {
    update("UPDATE sweeps SET status = ?, finished_at = ? WHERE id = ?", s -> {
      s.setString(1, status);
      s.setObject(2, now());
      s.setLong(3, sweepId);
    });
  }

  // ---- trials

  /** The stored status of every trial of {@code experiment}, by trial id. */
  public Map<String, TrialStatus> statuses(String experiment) {
    Map<String, TrialStatus> out = new HashMap<>();
    query("SELECT trial_id, status FROM trials WHERE experiment = ?", s -> s.setString(1, experiment),
        rs -> out.put(rs.getString(1), TrialStatus.valueOf(rs.getString(2))));
    return out;
  }

  /**
   * Records the trials a sweep will run as PENDING (new ones inserted, earlier unfinished
   * ones reset), all in one transaction.
   */
  public void enqueue(String experiment, long sweepId, Collection<TrialSpec> trials, Map<String, String> sweptJson) {
    Set<String> known = statuses(experiment).keySet();
    List<TrialSpec> fresh = trials.stream().filter(t -> !known.contains(t.id())).toList();
    inTransaction(() -> {
      // New trials: multi-row INSERTs (a MERGE looks each key up first, at twice the cost).
      for (int from = 0; from < fresh.size(); from += ENQUEUE_ROWS_PER_STATEMENT) {
        List<TrialSpec> chunk = fresh.subList(from, Math.min(fresh.size(), from + ENQUEUE_ROWS_PER_STATEMENT));
        PreparedStatement insert = statement(enqueueSql(chunk.size()));
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
      // Earlier unfinished trials: back to PENDING under this sweep.
      PreparedStatement reset = statement("UPDATE trials SET sweep_id = ?, idx = ?, variant = ?, seed = ?, swept_json = ?,"
          + " config_json = ?, status = 'PENDING', error = NULL, error_trace = NULL WHERE experiment = ? AND trial_id = ?");
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

  private static final int ENQUEUE_ROWS_PER_STATEMENT = 100;

  private static String enqueueSql(int rows) {
    StringBuilder sql = new StringBuilder(
        "INSERT INTO trials (experiment, trial_id, sweep_id, idx, variant, seed, swept_json, config_json, status) VALUES ");
    for (int r = 0; r < rows; r++) {
      sql.append(r == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?, ?, 'PENDING')");
    }
    return sql.toString();
  }

  public void markRunning(String experiment, String trialId, int attempt, String isolation, String device, String runDir) {
    write("mark trial " + trialId + " running", () -> {
      PreparedStatement s = statement("UPDATE trials SET status = 'RUNNING', attempts = ?, isolation = ?, device = ?, run_dir = ?,"
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
  public void complete(String experiment, String trialId, long durationMs, Collection<MetricRow> metrics, Map<String, Path> artifacts) {
    write("store the metrics of trial " + trialId, () -> {
      long pk = trialPk(experiment, trialId);
      PreparedStatement delete = statement("DELETE FROM metrics WHERE trial_pk = ?");
      delete.setLong(1, pk);
      delete.executeUpdate();
      if (!metrics.isEmpty()) {
        insertMetrics(pk, metrics);
      }
      atomically(() -> {
      if (!artifacts.isEmpty()) {
        PreparedStatement insert = statement(
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
      PreparedStatement done = statement(
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
    update("UPDATE trials SET status = ?, finished_at = ?, duration_ms = ?, error = ?, error_trace = ? WHERE experiment = ? AND trial_id = ?", s -> {
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
    query("SELECT COUNT(*) FROM trials WHERE experiment = ?", s -> s.setString(1, experiment), rs -> count[0] = rs.getInt(1));
    inTransaction(() -> {
      for (String table : List.of("metrics", "artifacts")) {
        try (PreparedStatement delete = connection.prepareStatement(
            "DELETE FROM " + table + " WHERE trial_pk IN (SELECT pk FROM trials WHERE experiment = ?)")) {
          delete.setString(1, experiment);
          delete.executeUpdate();
        }
      }
      try (PreparedStatement delete = connection.prepareStatement("DELETE FROM trials WHERE experiment = ?")) {
        delete.setString(1, experiment);
        delete.executeUpdate();
      }
    });
    trialPks.keySet().removeIf(k -> k.startsWith(experiment + '/'));
    return count[0];
  }

  public List<StoredTrial> trials(String experiment) {
    List<StoredTrial> out = new ArrayList<>();
    query("SELECT pk, experiment, trial_id, sweep_id, idx, variant, seed, swept_json, config_json, status, attempts, device,"
        + " run_dir, started_at, finished_at, duration_ms, error FROM trials WHERE experiment = ? ORDER BY idx, trial_id",
        s -> s.setString(1, experiment), rs -> out.add(new StoredTrial(
            rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getInt(5), rs.getString(6), rs.getLong(7),
            rs.getString(8), rs.getString(9), TrialStatus.valueOf(rs.getString(10)), rs.getInt(11), rs.getString(12),
            rs.getString(13), instant(rs, 14), instant(rs, 15), (Long) rs.getObject(16), rs.getString(17))));
    return out;
  }

  /** Metric rows of one trial, ordered by key and step. */
  public List<MetricRow> metrics(long trialPk) {
    List<MetricRow> out = new ArrayList<>();
    query("SELECT k.name, m.step, m.val, m.wall_time FROM metrics m JOIN metric_keys k ON k.id = m.key_id"
        + " WHERE m.trial_pk = ? ORDER BY k.name, m.step", s -> s.setLong(1, trialPk),
        rs -> out.add(new MetricRow(rs.getString(1), rs.getLong(2), rs.getDouble(3), rs.getDouble(4))));
    return out;
  }

  /** Every row of one metric key across an experiment's trials, by trial pk, each list in step order: one query. */
  public Map<Long, List<MetricRow>> metricsOfKey(String experiment, String key) {
    Map<Long, List<MetricRow>> out = new HashMap<>();
    query("SELECT m.trial_pk, m.step, m.val, m.wall_time FROM trials t JOIN metrics m ON m.trial_pk = t.pk"
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
  public void forEachMetric(String experiment, MetricVisitor visitor) {
    query("SELECT t.trial_id, k.name, m.step, m.val, m.wall_time FROM metrics m JOIN trials t ON t.pk = m.trial_pk"
        + " JOIN metric_keys k ON k.id = m.key_id WHERE t.experiment = ? ORDER BY t.idx, t.trial_id, k.name, m.step",
        s -> s.setString(1, experiment),
        rs -> visitor.visit(rs.getString(1), new MetricRow(rs.getString(2), rs.getLong(3), rs.getDouble(4), rs.getDouble(5))));
  }

  /** Receives metric rows from {@link #forEachMetric}. */
  @FunctionalInterface
  public interface MetricVisitor {
    void visit(String trialId, MetricRow row);
  }

  public long metricCount(String experiment) {
    long[] count = new long[1];
    query("SELECT COUNT(*) FROM metrics m JOIN trials t ON t.pk = m.trial_pk WHERE t.experiment = ?",
        s -> s.setString(1, experiment), rs -> count[0] = rs.getLong(1));
    return count[0];
  }

  public List<SweepRecord> sweeps(Optional<String> experiment, int limit) {
    List<SweepRecord> out = new ArrayList<>();
    query("SELECT id, experiment, status, trials_total, started_at, finished_at, rlx_version, git_commit, host FROM sweeps"
        + (experiment.isPresent() ? " WHERE experiment = ?" : "") + " ORDER BY id DESC LIMIT " + limit,
        s -> {
          if (experiment.isPresent()) {
            s.setString(1, experiment.get());
          }
        },
        rs -> out.add(new SweepRecord(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4), instant(rs, 5),
            instant(rs, 6), rs.getString(7), rs.getString(8), rs.getString(9))));
    return out;
  }

  public Optional<SweepRecord> sweep(long id) {
    List<SweepRecord> out = new ArrayList<>();
    query("SELECT id, experiment, status, trials_total, started_at, finished_at, rlx_version, git_commit, host FROM sweeps WHERE id = ?",
        s -> s.setLong(1, id), rs -> out.add(new SweepRecord(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4),
            instant(rs, 5), instant(rs, 6), rs.getString(7), rs.getString(8), rs.getString(9))));
    return out.stream().findFirst();
  }

  /** Row counts of the main tables, for {@code rlx store info}. */
  public Map<String, Long> counts() {
    Map<String, Long> out = new LinkedHashMap<>();
    for (String table : List.of("experiments", "sweeps", "trials", "metrics", "artifacts")) {
      query("SELECT COUNT(*) FROM " + table, s -> { }, rs -> out.put(table, rs.getLong(1)));
    }
    return out;
  }

  /** Rows per INSERT statement: multi-row VALUES cut H2's per-statement overhead. */
  private static final int ROWS_PER_STATEMENT = 200;

  /**
   * Inserts metric rows for a trial. Rows go in primary-key order (key, then step), so the
   * index only ever appends, and many rows per statement.
   */
  void insertMetrics(long trialPk, Collection<MetricRow> rows) throws SQLException {
    int n = rows.size();
    int[] keys = new int[n];
    MetricRow[] sorted = rows.toArray(MetricRow[]::new);
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      keys[i] = keyId(sorted[i].key());
      order[i] = i;
    }
    java.util.Arrays.sort(order, (a, b) -> keys[a] != keys[b] ? Integer.compare(keys[a], keys[b])
        : Long.compare(sorted[a].step(), sorted[b].step()));
    try (PreparedStatement full = connection.prepareStatement(insertSql(ROWS_PER_STATEMENT))) {
      int i = 0;
      for (; i + ROWS_PER_STATEMENT <= n; i += ROWS_PER_STATEMENT) {
        bindRows(full, trialPk, sorted, keys, order, i, ROWS_PER_STATEMENT);
        full.executeUpdate();
        if (grouped && (i / ROWS_PER_STATEMENT) % 50 == 49) {
          connection.commit(); // keep a big trial's undo log short; its status is still written last
        }
      }
      if (i < n) {
        try (PreparedStatement rest = connection.prepareStatement(insertSql(n - i))) {
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

  long trialPk(String experiment, String trialId) throws SQLException {
    String cacheKey = experiment + '/' + trialId;
    Long cached = trialPks.get(cacheKey);
    if (cached != null) {
      return cached;
    }
    PreparedStatement find = statement("SELECT pk FROM trials WHERE experiment = ? AND trial_id = ?");
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

  /** A prepared statement kept for the store's lifetime: the hot paths run once per trial. */
  private PreparedStatement statement(String sql) throws SQLException {
    PreparedStatement s = statements.get(sql);
    if (s == null) {
      s = connection.prepareStatement(sql);
      statements.put(sql, s);
    }
    return s;
  }

  private int keyId(String key) throws SQLException {
    Integer id = keyIds.get(key);
    if (id != null) {
      return id;
    }
    try (PreparedStatement merge = connection.prepareStatement("MERGE INTO metric_keys (name) KEY (name) VALUES (?)")) {
      merge.setString(1, key);
      merge.executeUpdate();
    }
    try (PreparedStatement find = connection.prepareStatement("SELECT id FROM metric_keys WHERE name = ?")) {
      find.setString(1, key);
      try (ResultSet rs = find.executeQuery()) {
        rs.next();
        id = rs.getInt(1);
      }
    }
    keyIds.put(key, id);
    return id;
  }

  // ---- plumbing

  @FunctionalInterface
  interface SqlConsumer<T> {
    void accept(T t) throws SQLException;
  }

  @FunctionalInterface
  interface SqlWork {
    void run() throws SQLException;
  }

  @FunctionalInterface
  interface SqlCall<T> {
    T call() throws SQLException;
  }

  /** How often one write or read may find its connection lost and go on through a new one. */
  private static final int MAX_RECOVERIES = 5;
  /** How long to try to get a new connection (the process that served the store may still be closing it). */
  private static final long RECONNECT_WAIT_MS = 60_000;

  /**
   * Group commit: from now on writes join one open transaction until {@link #commitGroup()}
   * commits them all at once. Each H2 commit writes a chunk to the file, so committing every
   * few milliseconds instead of after every write is what makes thousands of millisecond
   * trials fast; a crash loses at most the trials recorded since the last group commit (0.1 s), which
   * then simply run again. The order of writes, and so "COMPLETED only after all its metric
   * rows", is unchanged.
   */
  public void beginGroupCommits() {
    try {
      connection.setAutoCommit(false);
      grouped = true;
      group.clear();
    } catch (SQLException e) {
      throw failure("start group commits", e);
    }
  }

  /** Commits what the group has written so far. */
  public void commitGroup() {
    if (!grouped) {
      return;
    }
    for (int recoveries = 0; ; recoveries++) {
      try {
        connection.commit();
        group.clear();
        return;
      } catch (SQLException e) {
        if (recoveries >= MAX_RECOVERIES || !lost(e)) {
          keyIds.clear();
          throw failure("write to the store", e);
        }
        reconnect("write to the store", e); // replays the group: commit it again
      }
    }
  }

  /**
   * Puts the store's file back if it was deleted while the store is open ({@code rm -rf .rlx}
   * during a sweep, a temp cleaner): H2 goes on writing to the unlinked file, so every result,
   * finished ones included, would vanish when the process exits. Commits the open group, dumps
   * the open database as SQL next to the path (H2's {@code SCRIPT}; its {@code BACKUP} copies
   * files by name, and the name is gone), shuts it down, and replays the dump into a new file at
   * the path. The sweep driver calls it after each group commit (one file-existence check).
   * Returns a notice saying what happened, or empty.
   */
  public Optional<String> restoreIfDeleted() {
    Optional<Path> file = h2File(url);
    if (file.isEmpty() || Files.exists(file.get())) {
      return Optional.empty();
    }
    commitGroup();
    Path target = file.get();
    Path dump = target.resolveSibling(target.getFileName() + ".restore.sql.gz");
    try {
      Files.createDirectories(target.getParent());
      Files.deleteIfExists(dump);
      try (Statement s = connection.createStatement()) {
        s.execute("SCRIPT TO '" + dump.toString().replace("'", "''") + "' COMPRESSION GZIP");
        s.execute("SHUTDOWN"); // lets go of the unlinked file; connect() below creates the new one
      }
    } catch (SQLException | java.io.IOException e) {
      throw new StoreException("the results store's file " + target + " was deleted while rlx had it open, and"
          + " writing the open database back there failed: " + e.getMessage(), e);
    }
    abandonConnection();
    try {
      connection = connect(url);
      try (Statement s = connection.createStatement()) {
        s.execute("RUNSCRIPT FROM '" + dump.toString().replace("'", "''") + "' COMPRESSION GZIP");
      }
      connection.setAutoCommit(!grouped);
      Files.delete(dump);
    } catch (SQLException | java.io.IOException e) {
      throw new StoreException("the results store's file " + target + " was deleted while rlx had it open; its"
          + " contents were saved to " + dump + " but could not be loaded back (move " + target + " aside, then"
          + " load the dump: RUNSCRIPT FROM '" + dump + "' COMPRESSION GZIP): " + e.getMessage(), e);
    }
    return Optional.of("the results store's file " + target + " was deleted while this sweep was running;"
        + " rlx wrote the open database back there, with every result recorded so far");
  }

  /** Commits the group and returns to committing every write. */
  public void endGroupCommits() {
    if (!grouped) {
      return;
    }
    commitGroup();
    grouped = false;
    try {
      connection.setAutoCommit(true);
    } catch (SQLException e) {
      throw failure("end group commits", e);
    }
  }

  /** Runs {@code work} in one transaction (or as part of the open group); see {@link #write}. */
  void inTransaction(SqlWork work) {
    write("write to the store", () -> {
      atomically(work);
      return null;
    });
  }

  /** Runs {@code work} in one transaction, or as part of the open group (committed by {@link #commitGroup}). */
  private void atomically(SqlWork work) throws SQLException {
    if (grouped) {
      work.run();
      return;
    }
    connection.setAutoCommit(false);
    try {
      work.run();
      connection.commit();
    } catch (SQLException | RuntimeException e) {
      keyIds.clear(); // ids inserted in a rolled-back transaction are gone
      try {
        connection.rollback();
      } catch (SQLException r) {
        e.addSuppressed(r); // the connection is gone, and its transaction with it
      }
      throw e;
    } finally {
      try {
        connection.setAutoCommit(true);
      } catch (SQLException e) {
        // the connection is gone: the caller's failure says so, or reconnect() replaces it
      }
    }
  }

  /**
   * Runs a write, and in a group remembers it for {@link #reconnect}. With AUTO_SERVER, the
   * first rlx process to open a store serves it to the others, and when it exits their
   * connections die with it: a sweep that opened the store while `rlx status` (or another
   * sweep) had it open would lose its open transaction, and fail, the moment that process
   * exited ("Database is already closed"). Instead, a write whose connection is lost goes on
   * through a new one (which serves the store, or reaches the process that now does), after
   * the writes of the lost transaction were replayed on it.
   */
  private <T> T write(String what, SqlCall<T> work) {
    for (int recoveries = 0; ; recoveries++) {
      try {
        T result = work.call();
        if (grouped) {
          group.add(work::call);
        }
        return result;
      } catch (SQLException e) {
        if (recoveries >= MAX_RECOVERIES || !lost(e)) {
          throw failure(what, e);
        }
        reconnect(what, e);
      }
    }
  }

  /** Whether {@code e} says the connection (or the process serving the store) is gone. */
  private boolean lost(SQLException e) {
    int code = e.getErrorCode();
    if (code == 90067 || code == 90121 || code == 90098 || code == 90007
        || (e.getSQLState() != null && e.getSQLState().startsWith("08"))) {
      return true; // CONNECTION_BROKEN, DATABASE_CALLED_AT_SHUTDOWN, DATABASE_IS_CLOSED, OBJECT_CLOSED, SQL state class 08
    }
    try {
      return connection.isClosed();
    } catch (SQLException closed) {
      return true;
    }
  }

  /**
   * Replaces a lost connection, retrying while the process that served the store closes it,
   * and replays the open group's writes on the new one.
   */
  private void reconnect(String what, SQLException cause) {
    long deadline = System.nanoTime() + RECONNECT_WAIT_MS * 1_000_000;
    SQLException last = cause;
    while (true) {
      abandonConnection();
      try {
        connection = connect(url);
        if (grouped) {
          connection.setAutoCommit(false);
          for (SqlWork w : group) {
            w.run();
          }
        }
        return;
      } catch (SQLException e) {
        last = e;
        if (connection != null && !lost(e)) {
          break; // connected, but the replay failed for another reason
        }
      }
      if (System.nanoTime() > deadline) {
        break;
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    StoreException failure = failure(what, cause);
    if (last != cause) {
      failure.addSuppressed(last);
    }
    throw failure;
  }

  /** Forgets the connection, its statements and what was cached through it. */
  private void abandonConnection() {
    for (PreparedStatement s : statements.values()) {
      try {
        s.close();
      } catch (SQLException e) {
        // gone with its connection
      }
    }
    statements.clear();
    keyIds.clear();
    trialPks.clear();
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException e) {
        // already gone
      }
      connection = null;
    }
  }

  private void update(String sql, SqlConsumer<PreparedStatement> bind) {
    write("write to the store", () -> {
      try (PreparedStatement s = connection.prepareStatement(sql)) {
        bind.accept(s);
        s.executeUpdate();
      }
      return null;
    });
  }

  private void query(String sql, SqlConsumer<PreparedStatement> bind, SqlConsumer<ResultSet> row) {
    for (int recoveries = 0; ; recoveries++) {
      boolean delivered = false;
      try (PreparedStatement s = connection.prepareStatement(sql)) {
        bind.accept(s);
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            delivered = true;
            row.accept(rs);
          }
        }
        return;
      } catch (SQLException e) {
        if (delivered || recoveries >= MAX_RECOVERIES || !lost(e)) {
          throw failure("read the store", e);
        }
        reconnect("read the store", e);
      }
    }
  }

  private static long generatedKey(PreparedStatement statement) throws SQLException {
    try (ResultSet keys = statement.getGeneratedKeys()) {
      keys.next();
      return keys.getLong(1);
    }
  }

  private static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC);
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  private static String truncate(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }

  private StoreException failure(String what, SQLException e) {
    return new StoreException("cannot " + what + " (" + url + "): " + e.getMessage(), e);
  }

  @Override
  public void close() {
    try {
      for (PreparedStatement s : statements.values()) {
        s.close();
      }
      if (connection != null) {
        connection.close();
      }
    } catch (SQLException e) {
      throw failure("close the store", e);
    }
  }

  /** A results-store failure, naming the store and what was being done. */
  public static class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** {@link #openExisting}: there is no store at that path, so nothing was ever recorded there. */
  public static final class NoStoreException extends StoreException {
    private final Path file;

    public NoStoreException(Path file) {
      super("no results store at " + file.getParent() + " (no " + file.getFileName() + " there): nothing has been"
          + " recorded in it; a sweep creates it (--store or $" + STORE_ENV + " names another)", null);
      this.file = file;
    }

    /** The store's file that does not exist. */
    public Path file() {
      return file;
    }
  }
}
