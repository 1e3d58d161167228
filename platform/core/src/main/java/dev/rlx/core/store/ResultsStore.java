package dev.rlx.core.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;

/**
 * The results store: an H2 file database (or any JDBC URL) whose schema Flyway manages from
 * {@code db/rlx/V*.sql}. The source of truth for experiments, sweeps, trials, metrics and
 * artifacts. Opening it migrates the schema; its repositories ({@link #sweeps}, {@link #trials},
 * {@link #metrics}) read and write through one {@link StoreConnection}.
 *
 * <p>Not thread-safe by design: the sweep driver calls it from its scheduling thread only.
 */
public final class ResultsStore implements AutoCloseable {

  /** Environment variable naming another store (a JDBC URL). */
  public static final String STORE_ENV = "RLX_STORE";

  private final StoreConnection connection;
  private final SweepRepository sweeps;
  private final TrialRepository trials;
  private final MetricRepository metrics;

  private ResultsStore(StoreConnection connection) {
    this.connection = connection;
    this.sweeps = new SweepRepository(connection);
    this.metrics = new MetricRepository(connection);
    this.trials = new TrialRepository(connection, metrics);
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
    h2File(url).ifPresent(ResultsStore::checkDirectory);
    migrate(url);
    return new ResultsStore(StoreConnection.open(url));
  }

  /**
   * Opens the store at {@code url} to read it: like {@link #open}, but a file store that does
   * not exist is not created (an empty store there would read as "no sweeps", as if results
   * had been lost): {@link NoStoreException} instead.
   */
  public static ResultsStore openExisting(String url) {
    Optional<Path> file = h2File(url);
    if (file.isPresent() && !Files.exists(file.get())) {
      throw new NoStoreException(file.get(), STORE_ENV);
    }
    return open(url);
  }

  /** The JDBC URL rlx opens {@code url} with (see {@link StoreFile#connectUrl}): for tools and tests that open a store themselves. */
  public static String jdbcUrl(String url) {
    return StoreFile.connectUrl(url);
  }

  /** The file of an H2 file store ({@code jdbc:h2:file:PATH} or {@code jdbc:h2:PATH}), if {@code url} names one. */
  public static Optional<Path> h2File(String url) {
    return StoreFile.of(url);
  }

  /** Applies pending migrations; returns how many were applied. */
  public static int migrate(String url) {
    for (int attempt = 1; ; attempt++) {
      try {
        return flyway(url).migrate().migrationsExecuted;
      } catch (FlywayException e) {
        if (attempt < 50 && lockedByAnotherProcess(e)) {
          // Another driver is opening the same store this instant, or the one serving it was just
          // killed (its lock goes stale, its socket closes): see StoreConnection.open.
          sleepBriefly();
          continue;
        }
        throw diagnose(url, e);
      }
    }
  }

  /**
   * The directory of a file store must be a directory this process can write to: said in one
   * line before H2 tries (which, for a path that is a file, prints its own stack trace).
   */
  private static void checkDirectory(Path file) {
    Path dir = file.toAbsolutePath().getParent();
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new StoreException("the store directory " + dir + " is a file: --store takes a directory (rlx keeps"
          + " results.mv.db in it, creating it if need be) or a JDBC URL", null);
    }
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new StoreException("cannot create the store directory " + dir + " (" + reason(e) + "): choose another"
          + " with --store or " + STORE_ENV, e);
    }
    Path db = file.toAbsolutePath();
    if (!Files.isWritable(dir) || (Files.exists(db) && !Files.isWritable(db))) {
      throw new StoreException("cannot write to the store " + (Files.isWritable(dir) ? db : dir) + " (permission denied):"
          + " run rlx as a user who may, or choose another store with --store or " + STORE_ENV, null);
    }
  }

  private static String reason(IOException e) {
    return e instanceof java.nio.file.FileSystemException f && f.getReason() != null ? f.getReason()
        : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }

  /** Says in one line what stopped the migration: a server that is down, a store from a newer rlx, or Flyway's reason. */
  private static StoreException diagnose(String url, FlywayException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.sql.SQLException sql && (sql.getErrorCode() == 90067 || "08001".equals(sql.getSQLState()))) {
        return new StoreException("cannot reach the store's server at " + url + " (" + firstLine(sql.getMessage())
            + "): start it, or check the host and port in the URL", e);
      }
    }
    try {
      List<String> newer = java.util.Arrays.stream(flyway(url).info().all())
          .filter(m -> m.getState() == org.flywaydb.core.api.MigrationState.FUTURE_SUCCESS
              || m.getState() == org.flywaydb.core.api.MigrationState.FUTURE_FAILED)
          .map(m -> m.getVersion().getVersion()).toList();
      if (!newer.isEmpty()) {
        int known = (int) java.util.Arrays.stream(flyway(url).info().all())
            .filter(m -> m.getState() != org.flywaydb.core.api.MigrationState.FUTURE_SUCCESS
                && m.getState() != org.flywaydb.core.api.MigrationState.FUTURE_FAILED).count();
        return new StoreException("the store at " + url + " was written by a newer rlx (its schema has version "
            + newer.get(newer.size() - 1) + "; this rlx knows versions up to " + known + "): open it with that rlx,"
            + " or use another store", e);
      }
    } catch (FlywayException ignored) {
      // cannot tell: Flyway's own reason below
    }
    return migrationFailure(url, e);
  }

  private static String firstLine(String s) {
    return s == null ? "" : s.lines().findFirst().orElse("");
  }

  private static boolean lockedByAnotherProcess(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.sql.SQLException sql && (StoreConnection.openRace(sql) || StoreConnection.connectionLost(sql))) {
        return true;
      }
    }
    return false;
  }

  private static void sleepBriefly() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while opening the results store", e);
    }
  }

  private static StoreException migrationFailure(String url, FlywayException e) {
    return new StoreException("cannot bring the results store at " + url + " to this rlx's schema: "
        + e.getMessage().lines().findFirst().orElse("") + " (" + e.getClass().getSimpleName() + ")", e);
  }

  /** The applied and pending migrations. */
  public static List<MigrationInfo> migrations(String url) {
    return List.of(flyway(url).info().all());
  }

  private static Flyway flyway(String url) {
    return Flyway.configure(ResultsStore.class.getClassLoader())
        .dataSource(StoreFile.connectUrl(url), "rlx", "")
        .locations("classpath:db/rlx")
        .ignoreMigrationPatterns(new String[0]) // a migration this rlx does not know (a newer rlx's) fails validation: see diagnose
        .loggers("slf4j")
        .load();
  }

  public String url() {
    return connection.url();
  }

  /** Experiments and their sweeps. */
  public SweepRepository sweeps() {
    return sweeps;
  }

  /** Trials, their status and artifacts. */
  public TrialRepository trials() {
    return trials;
  }

  /** The trials' metric rows. */
  public MetricRepository metrics() {
    return metrics;
  }

  /** Row counts of the main tables, for {@code rlx store info}. */
  public Map<String, Long> counts() {
    Map<String, Long> out = new LinkedHashMap<>();
    for (String table : List.of("experiments", "sweeps", "trials", "metrics", "artifacts")) {
      connection.query("read the store", "SELECT COUNT(*) FROM " + table, s -> { }, rs -> out.put(table, rs.getLong(1)));
    }
    return out;
  }

  /** See {@link StoreConnection#beginGroupCommits}. */
  public void beginGroupCommits() {
    connection.beginGroupCommits();
  }

  /** See {@link StoreConnection#commitGroup}. */
  public void commitGroup() {
    connection.commitGroup();
  }

  /** See {@link StoreConnection#endGroupCommits}. */
  public void endGroupCommits() {
    connection.endGroupCommits();
  }

  /** See {@link StoreConnection#restoreIfDeleted}. */
  public Optional<String> restoreIfDeleted() {
    return connection.restoreIfDeleted();
  }

  @Override
  public void close() {
    connection.close();
  }
}
