package dev.rlx.environments.text;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Reads a stream to its end, keeping at most {@code cap} bytes and noting whether there was more. */
final class CappedReader implements Runnable {
  private final InputStream in;
  private final int cap;
  private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
  private volatile boolean overflowed;

  CappedReader(InputStream in, int cap) {
    this.in = in;
    this.cap = cap;
  }

  @Override
  public void run() {
    byte[] buffer = new byte[8192];
    try {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        synchronized (kept) {
          int room = cap - kept.size();
          kept.write(buffer, 0, Math.min(room, n));
          if (n > room) {
            overflowed = true;
            return;
          }
        }
      }
    } catch (IOException ignored) {
      // the process was killed
    }
  }

  boolean overflowed() {
    return overflowed;
  }

  byte[] bytes() {
    synchronized (kept) {
      return kept.toByteArray();
    }
  }

  String text() {
    synchronized (kept) {
      return kept.toString(StandardCharsets.UTF_8);
    }
  }
}
