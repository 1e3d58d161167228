package dev.rlx.core.exec;

import dev.rlx.core.plugins.PluginCatalog;
import java.nio.file.Files;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** Runs trials on threads of the driver's JVM: no start cost, no protection from a bad plugin. */
final class ThreadLauncher implements TrialLauncher, AutoCloseable {

  private final TrialRunner runner;
  private final ExecutorService threads;

  ThreadLauncher(PluginCatalog catalog) {
    this.runner = new TrialRunner(catalog);
    AtomicInteger count = new AtomicInteger();
    this.threads = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "rlx-trial-" + count.incrementAndGet());
      t.setDaemon(true); // an abandoned (timed-out) trial must not keep the JVM alive
      return t;
    });
  }

  @Override
  public Running launch(TrialTicket ticket, LaunchOptions options, Consumer<TrialResult> done) {
    BufferedTrialContext context = new BufferedTrialContext(ticket);
    Future<?> future = threads.submit(() -> {
      TrialResult result;
      try {
        Files.createDirectories(ticket.runDir());
        runner.run(ticket.config(), context);
        result = TrialResult.completed(context.metrics().rows(), RunDirectory.artifacts(ticket.runDir()));
      } catch (Throwable t) { // a trial's failure, whatever it is, is that trial's alone
        result = TrialResult.failed(TrialResult.describe(t), TrialResult.trace(t));
      }
      context.close(); // the last streamed rows are on disk before the end is recorded
      done.accept(result);
    });
    return () -> {
      context.cancel();
      future.cancel(true);
    };
  }

  @Override
  public void close() {
    threads.shutdownNow();
  }
}
