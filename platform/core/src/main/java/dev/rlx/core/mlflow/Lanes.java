package dev.rlx.core.mlflow;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Up to {@code most} lanes, each a context of its own ({@code L}: a ledger over its own
 * connection and the senders over it) run by a thread of its own, so that that many MLflow
 * requests are in flight. Work is striped over them item by item, each item one lane's alone.
 * The calling thread runs the first lane.
 */
final class Lanes<L> implements AutoCloseable {

  private final int most;
  private final L first;
  private final Supplier<L> another;
  private final Consumer<L> closer;
  private final List<L> extra = new ArrayList<>();
  private final ThreadLocal<L> current = new ThreadLocal<>();
  private ExecutorService pool;

  Lanes(int most, L first, Supplier<L> another, Consumer<L> closer) {
    this.most = most;
    this.first = first;
    this.another = another;
    this.closer = closer;
  }

  /** The lane of the calling thread: the first, or the one a lane's thread runs. */
  L current() {
    L l = current.get();
    return l == null ? first : l;
  }

  /** Every lane made so far, the first included. */
  List<L> all() {
    synchronized (extra) {
      List<L> all = new ArrayList<>(List.of(first));
      all.addAll(extra);
      return all;
    }
  }

  /**
   * Runs {@code work} on every item over {@code lanes} lanes (at most {@link #most}); the first
   * failure of any lane is thrown once all have stopped, so what the others did is recorded.
   */
  <T> void forEach(List<T> items, int lanes, Consumer<T> work) {
    int n = Math.max(1, Math.min(most, lanes));
    if (n == 1) {
      items.forEach(work);
      return;
    }
    synchronized (extra) {
      while (extra.size() < n - 1) {
        extra.add(another.get());
      }
    }
    if (pool == null) {
      pool = Executors.newFixedThreadPool(most - 1, r -> {
        Thread t = new Thread(r, "rlx-mlflow-lane");
        t.setDaemon(true);
        return t;
      });
    }
    List<Future<?>> others = new ArrayList<>();
    for (int k = 1; k < n; k++) {
      L lane = extra.get(k - 1);
      int from = k;
      others.add(pool.submit(() -> {
        current.set(lane);
        try {
          stripe(items, from, n, work);
        } finally {
          current.remove();
        }
        return null;
      }));
    }
    RuntimeException failure = null;
    try {
      stripe(items, 0, n, work);
    } catch (RuntimeException e) {
      failure = e;
    }
    for (Future<?> f : others) {
      try {
        f.get();
      } catch (ExecutionException e) {
        if (failure == null) {
          failure = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new MlflowException("interrupted", true, 0, "", e);
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  private static <T> void stripe(List<T> items, int from, int step, Consumer<T> work) {
    for (int i = from; i < items.size(); i += step) {
      work.accept(items.get(i));
    }
  }

  /** Stops the lanes' threads and closes every lane but the first (the caller's). */
  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
    synchronized (extra) {
      extra.forEach(closer);
      extra.clear();
    }
  }
}
