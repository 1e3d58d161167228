package dev.rlx.core.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One JDBC connection to the results store, and what keeps it usable: a write or read whose
 * connection is lost goes on through a new one, group commits, and writing the database back
 * when its file is deleted while open. The repositories read and write through it.
 *
 * <p>Not thread-safe by design: each thread that uses the store opens its own.
 */
public final class StoreConnection implements AutoCloseable {

  /** How often one write or read may find its connection lost and go on through a new one. */
  /** Rows a query fetches at once through a remote (AUTO_SERVER) connection: see {@link #query}. */
  private static final int QUERY_FETCH_ROWS = 100_000;
  private static final int MAX_RECOVERIES = 5;
  /** How long to try to get a new connection (the process that served the store may still be closing it). */
  private static final long RECONNECT_WAIT_MS = 60_000;
  /** How long opening waits for a store that another process is just starting to serve. */
  private static final long OPEN_WAIT_MS = 15_000;

  @FunctionalInterface
  public interface SqlConsumer<T> {
    void accept(T t) throws SQLException;
  }

  @FunctionalInterface
  public interface SqlWork {
    void run() throws SQLException;
  }

  @FunctionalInterface
  public interface SqlCall<T> {
    T call() throws SQLException;
  }

  private final String url;
  private Connection connection;
  /**
   * The writes since the last group commit, in order: replayed on a new connection when the
   * one they went through is lost with their transaction (see {@link #write}).
   */
  private final List<SqlWork> group = new ArrayList<>();
  /** Prepared statements kept for the connection's lifetime: the hot paths run once per trial. */
  private final Map<String, PreparedStatement> statements = new HashMap<>();
  /** What the repositories cached of ids read through this connection: forgotten with it, or with a rollback. */
  private final List<Runnable> caches = new ArrayList<>();
  private boolean grouped;

  private StoreConnection(String url, Connection connection) {
    this.url = url;
    this.connection = connection;
  }

  /** Connects to the store at {@code url} (already migrated by whoever opened it). */
  public static StoreConnection open(String url) {
    long deadline = System.nanoTime() + OPEN_WAIT_MS * 1_000_000;
    while (true) {
      try {
        return new StoreConnection(url, connect(url));
      } catch (SQLException e) {
        // The file is locked by a process that has not started serving it yet (another driver
        // opening the same store this instant), or the one serving it has just exited or been killed.
        if (!(openRace(e) || connectionLost(e)) || System.nanoTime() > deadline) {
          throw new StoreException("cannot open the results store at " + url + ": " + e.getMessage(), e);
        }
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StoreException("interrupted while opening the results store at " + url, e);
      }
    }
  }

  /** A connection to {@code url} that commits every write, and writes every commit to the file at once. */
  private static Connection connect(String url) throws SQLException {
    Connection connection = DriverManager.getConnection(StoreFile.connectUrl(url), "rlx", "");
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

  public String url() {
    return url;
  }

  /** The JDBC connection now: ask again in each piece of work, a lost one is replaced. */
  public Connection jdbc() {
    return connection;
  }

  /** Whether writes are joining an open group (see {@link #beginGroupCommits}). */
  boolean grouped() {
    return grouped;
  }

  /** Runs {@code forget} whenever ids read through this connection may no longer hold. */
  void onReset(Runnable forget) {
    caches.add(forget);
  }

  private void resetCaches() {
    caches.forEach(Runnable::run);
  }

  /** A prepared statement kept for the connection's lifetime. */
  public PreparedStatement statement(String sql) throws SQLException {
    PreparedStatement s = statements.get(sql);
    if (s == null) {
      s = connection.prepareStatement(sql);
      statements.put(sql, s);
    }
    return s;
  }

  // ---- group commits

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
          resetCaches();
          throw failure("write to the store", e);
        }
        reconnect("write to the store", e); // replays the group: commit it again
      }
    }
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
    Optional<Path> file = StoreFile.of(url);
    if (file.isEmpty() || Files.exists(file.get())) {
      return Optional.empty();
    }
    commitGroup();
    Path target = file.get();
    Path dump = StoreFile.dumpAndShutDown(connection, target);
    abandonConnection();
    try {
      connection = connect(url); // creates the new file
      StoreFile.load(connection, dump);
      connection.setAutoCommit(!grouped);
      Files.delete(dump);
    } catch (SQLException | IOException e) {
      throw StoreFile.notLoaded(target, dump, e);
    }
    return Optional.of("the results store's file " + target + " was deleted while this sweep was running;"
        + " rlx wrote the open database back there, with every result recorded so far");
  }

  // ---- writes and reads

  /** Runs {@code work} in one transaction (or as part of the open group); see {@link #write}. */
  public void inTransaction(String what, SqlWork work) {
    write(what, () -> {
      atomically(work);
      return null;
    });
  }

  /** Runs {@code work} in one transaction, or as part of the open group (committed by {@link #commitGroup}). */
  void atomically(SqlWork work) throws SQLException {
    if (grouped) {
      work.run();
      return;
    }
    connection.setAutoCommit(false);
    try {
      work.run();
      connection.commit();
    } catch (SQLException | RuntimeException e) {
      resetCaches(); // ids inserted in a rolled-back transaction are gone
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
  public <T> T write(String what, SqlCall<T> work) {
    for (int recoveries = 0; ; recoveries++) {
      try {
        T result = work.call();
        if (grouped) {
          group.add(work::call);
        }
        return result;
      } catch (SQLException e) {
        if (recoveries >= MAX_RECOVERIES || !lost(e) || StoreFile.fullDisk(url).isPresent()) {
          throw failure(what, e); // a full disk does not pass while rlx waits: say so at once
        }
        reconnect(what, e);
      }
    }
  }

  /** One statement, prepared for this write alone (see {@link #write}). */
  public void update(String what, String sql, SqlConsumer<PreparedStatement> bind) {
    write(what, () -> {
      try (PreparedStatement s = connection.prepareStatement(sql)) {
        bind.accept(s);
        s.executeUpdate();
      }
      return null;
    });
  }

  /**
   * One query, each of its rows to {@code row}; prepared anew each time (H2 plans a query when it
   * is prepared, and a plan made while a table was still empty would be kept as it grows).
   */
  public void query(String what, String sql, SqlConsumer<PreparedStatement> bind, SqlConsumer<ResultSet> row) {
    for (int recoveries = 0; ; recoveries++) {
      int delivered = 0;
      try (PreparedStatement s = connection.prepareStatement(sql)) {
        bind.accept(s);
        // Through AUTO_SERVER's socket a result comes in fetches; one large fetch means a
        // connection lost when the serving process exits is lost before the first row is
        // delivered, where the query can simply be made again, rather than half-way through.
        s.setFetchSize(QUERY_FETCH_ROWS);
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            delivered++;
            row.accept(rs);
          }
        }
        return;
      } catch (SQLException e) {
        if (delivered > 0 && delivered < QUERY_FETCH_ROWS && lost(e)) {
          // Lost after the first fetch, which held fewer rows than asked for: that was the
          // whole result (only the end of it went unconfirmed). The next call reconnects.
          return;
        }
        if (delivered > 0 || recoveries >= MAX_RECOVERIES || !lost(e)) {
          throw failure(what, e);
        }
        reconnect(what, e);
      }
    }
  }

  // ---- recovery

  /**
   * Whether opening failed only because another process holds the file's lock for a moment: it
   * is starting to serve the store (90020), or it was killed while serving it and H2 is checking
   * that its lock file is stale ("Lock file recently modified"). Opening again shortly succeeds.
   */
  static boolean openRace(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && (sql.getErrorCode() == 90020
          || String.valueOf(sql.getMessage()).contains("Lock file recently modified"))) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code e} itself says the connection, or the process serving the store, is gone. */
  static boolean connectionLost(SQLException e) {
    int code = e.getErrorCode();
    if (code == 90067 || code == 90121 || code == 90098 || code == 90007
        || (e.getSQLState() != null && e.getSQLState().startsWith("08"))) {
      return true; // CONNECTION_BROKEN, DATABASE_CALLED_AT_SHUTDOWN, DATABASE_IS_CLOSED, OBJECT_CLOSED, SQL state class 08
    }
    String message = String.valueOf(e.getMessage());
    return code == 90028 && (message.contains("EOFException") || message.contains("SocketException")
        || message.contains("Connection reset") || message.contains("Broken pipe"));
    // 90028, IO_EXCEPTION_2, on the socket to the process that served the store, which has just exited
  }

  /** Whether {@code e} says the connection (or the process serving the store) is gone. */
  private boolean lost(SQLException e) {
    if (connectionLost(e)) {
      return true;
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
      if (System.nanoTime() > deadline || StoreFile.fullDisk(url).isPresent()) {
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
    resetCaches();
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException e) {
        // already gone
      }
      connection = null;
    }
  }

  private StoreException failure(String what, SQLException e) {
    // H2 appends the whole statement (kilobytes for a multi-row insert): the user needs the reason.
    String reason = String.valueOf(e.getMessage());
    int sql = reason.indexOf("; SQL statement:");
    reason = sql >= 0 ? reason.substring(0, sql) : reason;
    java.util.OptionalLong free = StoreFile.fullDisk(url);
    if (free.isPresent()) {
      return new StoreException("cannot " + what + " (" + url + "): the disk holding it is full (" + free.getAsLong()
          + " bytes free at " + StoreFile.of(url).orElseThrow().getParent() + "); free some space and run the sweep again:"
          + " the trials that finished are kept and it resumes from them", e);
    }
    return new StoreException("cannot " + what + " (" + url + "): " + (reason.length() > 500 ? reason.substring(0, 500) + "…" : reason), e);
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
}
