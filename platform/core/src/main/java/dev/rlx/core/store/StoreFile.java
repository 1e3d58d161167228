package dev.rlx.core.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * The H2 file behind a store URL, and writing an open database back to it when the file was
 * deleted under it (StoreConnection.restoreIfDeleted): H2's {@code SCRIPT} dumps it as
 * SQL (its {@code BACKUP} copies files by name, and the name is gone), {@code SHUTDOWN} lets go
 * of the unlinked file, and {@code RUNSCRIPT} loads the dump into a new file at the path.
 */
final class StoreFile {

  private StoreFile() {}

  /** The file of an H2 file store ({@code jdbc:h2:file:PATH} or {@code jdbc:h2:PATH}), if {@code url} names one. */
  static Optional<Path> of(String url) {
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

  /**
   * The URL rlx connects to {@code url} with: for an H2 store (a file, or one served over TCP), with
   * {@code MAX_COMPACT_TIME=0}.
   * H2 2.3 compacts a file as its last connection closes, moving chunks; a failure there (an
   * internal assertion in {@code RandomAccessStore.moveChunkInside}, seen in a clean-clone CI run)
   * left the file at an earlier chunk, without the trials recorded last. Free space is reused
   * as the store is written, so the file does not grow for want of it. A URL that sets the
   * option itself is left as it is.
   */
  static String connectUrl(String url) {
    if (!url.startsWith("jdbc:h2:") || url.startsWith("jdbc:h2:mem:") || url.toUpperCase(java.util.Locale.ROOT).contains(";MAX_COMPACT_TIME=")) {
      return url;
    }
    return url + ";MAX_COMPACT_TIME=0";
  }

  /** Below this much free space on the store's disk a failed write is put down to a full disk. */
  static final long FULL_BELOW_BYTES = 1 << 20;

  /**
   * The free bytes on the disk of the file store at {@code url}, if it is one and the disk is
   * nearly full ({@link #FULL_BELOW_BYTES}): H2 reports a failed write as a closed database,
   * not as the full disk behind it.
   */
  static java.util.OptionalLong fullDisk(String url) {
    Optional<Path> file = of(url);
    if (file.isEmpty()) {
      return java.util.OptionalLong.empty();
    }
    try {
      long free = Files.getFileStore(file.get().getParent()).getUsableSpace();
      return free < FULL_BELOW_BYTES ? java.util.OptionalLong.of(free) : java.util.OptionalLong.empty();
    } catch (IOException e) {
      return java.util.OptionalLong.empty();
    }
  }

  /** Dumps the database open on {@code connection} next to {@code target}, then shuts it down; returns the dump. */
  static Path dumpAndShutDown(Connection connection, Path target) {
    Path dump = target.resolveSibling(target.getFileName() + ".restore.sql.gz");
    try {
      Files.createDirectories(target.getParent());
      Files.deleteIfExists(dump);
      try (Statement s = connection.createStatement()) {
        s.execute("SCRIPT TO '" + quoted(dump) + "' COMPRESSION GZIP");
        s.execute("SHUTDOWN"); // lets go of the unlinked file; the next connection creates the new one
      }
    } catch (SQLException | IOException e) {
      throw new StoreException("the results store's file " + target + " was deleted while rlx had it open, and"
          + " writing the open database back there failed: " + e.getMessage(), e);
    }
    return dump;
  }

  /** Loads {@code dump} through {@code connection}, to the new file. */
  static void load(Connection connection, Path dump) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute("RUNSCRIPT FROM '" + quoted(dump) + "' COMPRESSION GZIP");
    }
  }

  static StoreException notLoaded(Path target, Path dump, Exception e) {
    return new StoreException("the results store's file " + target + " was deleted while rlx had it open; its"
        + " contents were saved to " + dump + " but could not be loaded back (move " + target + " aside, then"
        + " load the dump: RUNSCRIPT FROM '" + dump + "' COMPRESSION GZIP): " + e.getMessage(), e);
  }

  private static String quoted(Path path) {
    return path.toString().replace("'", "''");
  }
}
