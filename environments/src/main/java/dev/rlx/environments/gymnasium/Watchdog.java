package dev.rlx.environments.gymnasium;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Enforces the answer deadlines of a trial's Python workers: every 100 ms, a worker whose
 * awaited answer is overdue is killed ({@link PythonWorker#killIfOverdue}), which ends the wait
 * that was blocked on it. One daemon thread per trial's bridge, stopped when the bridge closes.
 */
final class Watchdog implements AutoCloseable {

  private static final long PERIOD_MILLIS = 100;

  private final List<PythonWorker> workers = new CopyOnWriteArrayList<>();
  private final Thread thread;
  private volatile boolean closed;

  Watchdog(String name) {
    thread = new Thread(this::run, "rlx-gymnasium-watchdog-" + name);
    thread.setDaemon(true);
    thread.start();
  }

  void watch(PythonWorker worker) {
    workers.add(worker);
  }

  void forget(PythonWorker worker) {
    workers.remove(worker);
  }

  private void run() {
    while (!closed) {
      try {
        Thread.sleep(PERIOD_MILLIS);
      } catch (InterruptedException e) {
        return;
      }
      long now = System.nanoTime();
      workers.forEach(w -> w.killIfOverdue(now));
    }
  }

  @Override
  public void close() {
    closed = true;
    thread.interrupt();
  }
}
