package dev.rlx.core.exec;

import dev.rlx.core.store.MetricRow;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A running trial's metric rows as they are logged, appended to {@code metrics.live.tsv} in its
 * run directory and flushed at least every {@link #FLUSH_MILLIS} ms, so that the MLflow mirror
 * can send them while the trial runs — from a thread, a worker process or a Slurm task alike,
 * as all three share the run directory with the driver. The store still gets the trial's rows
 * once, when it ends; this file is only what the mirror streams from. Lines are
 * {@code key TAB step TAB value TAB wall-seconds}; a reader takes whole lines only.
 */
public final class LiveMetrics implements AutoCloseable {

  public static final String FILE = "metrics.live.tsv";
  static final long FLUSH_MILLIS = 500;

  private final BufferedWriter out;
  private final Thread flusher;
  private boolean closed;
  private IOException failure;

  private LiveMetrics(BufferedWriter out) {
    this.out = out;
    this.flusher = new Thread(this::flushLoop, "rlx-live-metrics");
    flusher.setDaemon(true);
  }

  /** Starts the file of a new attempt in {@code runDir} (an earlier attempt's is replaced). */
  static LiveMetrics start(Path runDir) throws IOException {
    Files.createDirectories(runDir);
    LiveMetrics live = new LiveMetrics(Files.newBufferedWriter(runDir.resolve(FILE), StandardCharsets.UTF_8));
    live.flusher.start();
    return live;
  }

  synchronized void append(MetricRow row) {
    if (closed || failure != null) {
      return; // streaming is best effort: the trial's rows still reach the store when it ends
    }
    try {
      RunDirectory.writeRow(out, row);
    } catch (IOException e) {
      failure = e;
    }
  }

  private void flushLoop() {
    while (true) {
      try {
        Thread.sleep(FLUSH_MILLIS);
      } catch (InterruptedException e) {
        return;
      }
      synchronized (this) {
        if (closed) {
          return;
        }
        flush();
      }
    }
  }

  private void flush() {
    try {
      out.flush();
    } catch (IOException e) {
      failure = e;
    }
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    flusher.interrupt();
    try {
      out.close();
    } catch (IOException e) {
      failure = e;
    }
  }

  /** What a read got: whole lines from the offset, and the offset after the last of them. */
  public record Chunk(List<MetricRow> rows, long next) {}

  /**
   * Up to {@code maxRows} whole lines of {@code file} from byte {@code offset}; none when the
   * file is missing or shorter than the offset (a new attempt has replaced it).
   */
  public static Chunk read(Path file, long offset, int maxRows) {
    return read(file, offset, Long.MAX_VALUE, maxRows);
  }

  /** As {@link #read(Path, long, int)}, but only the lines that end before byte {@code until}. */
  public static Chunk read(Path file, long offset, long until, int maxRows) {
    List<MetricRow> rows = new ArrayList<>();
    if (!Files.isRegularFile(file)) {
      return new Chunk(rows, offset);
    }
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      long length = in.length();
      if (length <= offset || until <= offset) {
        return new Chunk(rows, offset);
      }
      byte[] bytes = new byte[(int) Math.min(Math.min(length, until) - offset, 8L << 20)];
      in.seek(offset);
      in.readFully(bytes);
      long next = offset;
      int lineStart = 0;
      for (int i = 0; i < bytes.length && rows.size() < maxRows; i++) {
        if (bytes[i] == '\n') {
          rows.add(RunDirectory.parseRow(new String(bytes, lineStart, i - lineStart, StandardCharsets.UTF_8)));
          lineStart = i + 1;
          next = offset + lineStart;
        }
      }
      return new Chunk(rows, next);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("malformed line in " + file + ": " + e.getMessage(), e);
    }
  }
}
