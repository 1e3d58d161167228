package dev.rlx.core.store;

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
          sleepBriefly(); // another driver is opening the same store this instant: see StoreConnection.open
          continue;
        }
        throw migrationFailure(url, e);
      }
    }
  }

  private static boolean lockedByAnotherProcess(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.sql.SQLException sql && sql.getErrorCode() == 90020) {
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
        .dataSource(url, "rlx", "")
        .locations("classpath:db/rlx")
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
