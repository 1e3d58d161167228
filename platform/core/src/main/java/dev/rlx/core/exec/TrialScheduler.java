package dev.rlx.core.exec;

import dev.rlx.api.Device;
import dev.rlx.api.Isolation;
import dev.rlx.core.store.DriverId;
import dev.rlx.core.store.ResultsStore;
import dev.rlx.core.store.TrialStatus;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs trials on the resource pool: first-fit placement in plan order, per-attempt timeouts,
 * retries with exponential backoff, and a clean stop (no more dispatching, running trials
 * cancelled and recorded as CANCELLED). Every state change is written to the results store
 * from this one thread, before the next trial is placed.
 *
 * <p>Several drivers may run the same sweep on one store: each trial is claimed in the store
 * before it starts ({@link dev.rlx.core.store.TrialRepository#claim}), so no two drivers run it;
 * a driver skips the trials others hold, renews the leases of its own, and at the end waits
 * for the others' trials, taking over any whose driver is gone (its lease expired, or its
 * process on this host ended), so that every driver ends with the whole sweep finished.
 */
public final class TrialScheduler {

  /** How long a cancelled trial gets to wind down before its resources are reclaimed. */
  static final Duration CANCEL_GRACE = Duration.ofSeconds(10);

  /** How long a recorded state change may wait for its (group) commit to the store. */
  static final long GROUP_COMMIT_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  private final ResourcePool pool;
  private final Map<Isolation, TrialLauncher> launchers;
  private final ResultsStore store;
  private final String experiment;
  private final SweepProgress progress;
  private final Duration retryBackoff;
  private final DriverId owner;
  private final Duration lease;
  /** Trials another driver held when this one came to them, by id: waited for at the end. */
  private final Map<String, ScheduledTrial> elsewhere = new LinkedHashMap<>();
  private int endedElsewhere;
  private final LinkedBlockingQueue<Done> completions = new LinkedBlockingQueue<>();
  private final AtomicLong tokens = new AtomicLong();
  private volatile boolean stopRequested;
  /** The distinct resource requests among the trials: once none fits, a dispatch pass can stop. */
  private Set<Shape> shapes = Set.of();
  /** Pending retries waiting out their backoff; 0 lets the wait skip scanning the queue. */
  private int retriesQueued;
  /** Told after a commit that made a trial's end visible to other readers of the store. */
  private Runnable committedEnds = () -> { };
  private boolean endsSinceCommit;

  private record Shape(double cpus, double gpus) {
    static Shape of(ScheduledTrial t) {
      return new Shape(t.cpus(), t.gpus());
    }
  }

  /** Whether trials stream their metrics as they log them ({@link LiveMetrics}): the sweep is mirrored to MLflow. */
  private final boolean liveMetrics;

  TrialScheduler(ResourcePool pool, Map<Isolation, TrialLauncher> launchers, ResultsStore store, String experiment,
      SweepProgress progress, Duration retryBackoff, DriverId owner, Duration lease, boolean liveMetrics) {
    this.liveMetrics = liveMetrics;
    this.owner = owner;
    this.lease = lease;
    this.pool = pool;
    this.launchers = launchers;
    this.store = store;
    this.experiment = experiment;
    this.progress = progress;
    this.retryBackoff = retryBackoff;
  }

  /**
   * How the trials of one run ended.
   *
   * @param counts the trials this driver ran, by how they ended
   * @param elsewhere trials of the run that other drivers on the store ran to their end
   */
  public record Summary(Map<TrialStatus, Integer> counts, boolean stopped, int elsewhere) {
    public int count(TrialStatus status) {
      return counts.getOrDefault(status, 0);
    }
  }

  private record Pending(ScheduledTrial trial, int attempt, long notBeforeNanos) {}

  private record Done(long token, TrialResult result) {}

  private static final class Active {
    final ScheduledTrial trial;
    final int attempt;
    final ResourcePool.Allocation allocation;
    final long startNanos;
    final long deadlineNanos;
    TrialLauncher.Running running;
    long cancelledAtNanos = -1;

    Active(ScheduledTrial trial, int attempt, ResourcePool.Allocation allocation, long startNanos) {
      this.trial = trial;
      this.attempt = attempt;
      this.allocation = allocation;
      this.startNanos = startNanos;
      this.deadlineNanos = startNanos + trial.timeout().toNanos();
    }
  }

  /**
   * Runs {@code action} on the scheduling thread after each (group) commit that recorded a
   * trial's end: a reader of the store with a connection of its own (the MLflow mirror) can
   * look now rather than at its next poll. It must return at once.
   */
  void onCommittedEnds(Runnable action) {
    this.committedEnds = action;
  }

  /** Asks the run to stop: nothing more is started, running trials are cancelled. Thread-safe. */
  public void stop() {
    stopRequested = true;
  }

  /** Runs every trial to an end state (or until stopped). */
  public Summary run(List<ScheduledTrial> trials) throws InterruptedException {
    for (ScheduledTrial t : trials) {
      pool.whyNever(t.cpus(), t.gpus()).ifPresent(why -> {
        throw new IllegalArgumentException("trial " + t.spec().id() + " can never be placed: " + why);
      });
    }
    long start = System.nanoTime();
    shapes = trials.stream().map(Shape::of).collect(java.util.stream.Collectors.toSet());
    retriesQueued = 0;
    Deque<Pending> queue = new ArrayDeque<>();
    trials.forEach(t -> queue.add(new Pending(t, 1, 0)));
    Map<Long, Active> active = new LinkedHashMap<>();
    Map<TrialStatus, Integer> ended = new EnumMap<>(TrialStatus.class);
    report(trials.size(), ended, active, queue, start);
    store.beginGroupCommits();
    try {
      return loop(trials.size(), queue, active, ended, start);
    } finally {
      store.endGroupCommits();
    }
  }

  private Summary loop(int total, Deque<Pending> queue, Map<Long, Active> active, Map<TrialStatus, Integer> ended, long start)
      throws InterruptedException {
    boolean cancelling = false;
    long lastCommit = System.nanoTime();
    long lastRenewal = lastCommit;
    long nextLookElsewhere = lastCommit;
    boolean toldOfWait = false;
    while (!queue.isEmpty() || !active.isEmpty() || (!cancelling && !elsewhere.isEmpty())) {
      long now = System.nanoTime();
      if (now - lastRenewal >= lease.toNanos() / 4) {
        store.trials().renewLeases(owner.toString(), lease);
        lastRenewal = now;
      }
      if (!cancelling && !stopRequested && queue.isEmpty() && active.isEmpty() && now >= nextLookElsewhere) {
        if (!toldOfWait) {
          progress.notice("waiting for " + elsewhere.size() + " trial(s) that other drivers on this store are running;"
              + " this driver takes over any whose driver is gone");
          toldOfWait = true;
        }
        takeOver(queue, total);
        nextLookElsewhere = now + Math.min(TimeUnit.SECONDS.toNanos(1), lease.toNanos() / 4);
      }
      if (stopRequested && !cancelling) {
        cancelling = true;
        for (Active a : active.values()) {
          cancel(a, TrialStatus.CANCELLED, "cancelled (Ctrl-C)", now, ended);
        }
        queue.clear(); // still PENDING in the store: the next run picks them up
        retriesQueued = 0;
      }
      if (!cancelling) {
        dispatch(queue, active, now);
      }
      if (now - lastCommit >= GROUP_COMMIT_NANOS) {
        store.commitGroup();
        store.restoreIfDeleted().ifPresent(progress::notice);
        lastCommit = now;
        if (endsSinceCommit) {
          endsSinceCommit = false;
          committedEnds.run();
        }
      }
      long untilCommit = Math.max(1, GROUP_COMMIT_NANOS - (now - lastCommit));
      Done done = completions.poll(Math.min(waitNanos(queue, active, now), untilCommit), TimeUnit.NANOSECONDS);
      now = System.nanoTime();
      if (done != null) {
        Active a = active.remove(done.token());
        if (a != null) {
          pool.release(a.allocation);
          if (!cancelling) {
            dispatch(queue, active, now); // refill the slot before the (serial) store write below
          }
          if (a.cancelledAtNanos < 0) {
            settle(a, done.result(), now, queue, ended);
          }
        }
      }
      for (Iterator<Map.Entry<Long, Active>> it = active.entrySet().iterator(); it.hasNext(); ) {
        Active a = it.next().getValue();
        if (a.cancelledAtNanos < 0 && now > a.deadlineNanos) {
          cancel(a, TrialStatus.TIMED_OUT, "timed out after " + human(a.trial.timeout()), now, ended);
        } else if (a.cancelledAtNanos >= 0 && now - a.cancelledAtNanos > CANCEL_GRACE.toNanos()) {
          // It ignores cancellation (a thread cannot be killed): reclaim its slot and move on.
          pool.release(a.allocation);
          it.remove();
        }
      }
      report(total, ended, active, queue, start);
    }
    return new Summary(ended, cancelling, endedElsewhere);
  }

  private void dispatch(Deque<Pending> queue, Map<Long, Active> active, long now) {
    Set<Shape> blocked = new HashSet<>();
    for (Iterator<Pending> it = queue.iterator(); it.hasNext(); ) {
      Pending p = it.next();
      Shape shape = Shape.of(p.trial());
      if (p.notBeforeNanos() > now || blocked.contains(shape)) {
        continue;
      }
      Optional<ResourcePool.Allocation> allocation = pool.tryAllocate(p.trial().cpus(), p.trial().gpus());
      if (allocation.isEmpty()) {
        // First fit: a smaller trial further back may still fit — unless no request fits now,
        // which ends the pass instead of scanning thousands of identical trials.
        blocked.add(shape);
        if (blocked.size() == shapes.size()) {
          break;
        }
        continue;
      }
      it.remove();
      if (p.attempt() > 1) {
        retriesQueued--;
      }
      long token = tokens.incrementAndGet();
      Active a = new Active(p.trial(), p.attempt(), allocation.get(), System.nanoTime());
      Device device = allocation.get().gpuIndices().isEmpty() ? Device.CPU
          : new Device(allocation.get().gpuIndices(), allocation.get().gpuShare());
      ScheduledTrial t = p.trial();
      if (!store.trials().claim(experiment, t.spec().id(), p.attempt(), t.isolation().name().toLowerCase(java.util.Locale.ROOT),
          device.toString(), t.runDir().toString(), owner.toString(), lease)) {
        pool.release(allocation.get()); // another driver has it, or has finished it
        elsewhere.put(t.spec().id(), t);
        continue;
      }
      active.put(token, a);
      try {
        // An earlier attempt's stream is not this one's: the mirror must not send it to this attempt's run.
        java.nio.file.Files.deleteIfExists(t.runDir().resolve(LiveMetrics.FILE));
      } catch (java.io.IOException e) {
        // the new attempt truncates it when it starts; the mirror skips a file older than the claim
      }
      TrialTicket ticket = new TrialTicket(experiment, t.spec().id(), t.spec().config(), device, t.runDir(), liveMetrics);
      a.running = launchers.get(t.isolation()).launch(ticket,
          new TrialLauncher.LaunchOptions(t.heap(), allocation.get().gpuIndices()),
          result -> completions.add(new Done(token, result)));
    }
  }

  /**
   * Looks at the trials other drivers held: those that ended leave the wait, those whose driver
   * is gone (lease expired, or its process on this host ended) go back on this driver's queue.
   */
  private void takeOver(Deque<Pending> queue, int total) {
    store.trials().releaseOrphans(experiment);
    Map<String, Boolean> unfinished = store.trials().unfinished(experiment, elsewhere.keySet());
    for (Iterator<Map.Entry<String, ScheduledTrial>> it = elsewhere.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, ScheduledTrial> e = it.next();
      Boolean claimable = unfinished.get(e.getKey());
      if (claimable == null) {
        endedElsewhere++;
        it.remove();
      } else if (claimable) {
        queue.add(new Pending(e.getValue(), 1, 0));
        it.remove();
      }
    }
  }

  private void settle(Active a, TrialResult result, long now, Deque<Pending> queue, Map<TrialStatus, Integer> ended) {
    endsSinceCommit = true;
    long durationMs = (now - a.startNanos) / 1_000_000;
    String id = a.trial.spec().id();
    if (result.status() == TrialStatus.COMPLETED) {
      store.trials().complete(experiment, id, durationMs, result.metrics(), result.artifacts());
      ended.merge(TrialStatus.COMPLETED, 1, Integer::sum);
      progress.trialEnded(a.trial, TrialStatus.COMPLETED, a.attempt, null);
      return;
    }
    if (a.attempt <= a.trial.retries()) {
      long backoff = retryBackoff.toNanos() << Math.min(a.attempt - 1, 10);
      store.trials().finish(experiment, id, TrialStatus.PENDING, durationMs, "attempt " + a.attempt + " failed: " + result.error(), result.trace());
      queue.addFirst(new Pending(a.trial, a.attempt + 1, now + backoff));
      retriesQueued++;
      progress.trialEnded(a.trial, TrialStatus.PENDING, a.attempt, result.error());
      return;
    }
    store.trials().finish(experiment, id, TrialStatus.FAILED, durationMs, result.error(), result.trace());
    ended.merge(TrialStatus.FAILED, 1, Integer::sum);
    progress.trialEnded(a.trial, TrialStatus.FAILED, a.attempt, result.error());
  }

  private void cancel(Active a, TrialStatus status, String why, long now, Map<TrialStatus, Integer> ended) {
    endsSinceCommit = true;
    a.cancelledAtNanos = now;
    a.running.cancel();
    store.trials().finish(experiment, a.trial.spec().id(), status, (now - a.startNanos) / 1_000_000, why, null);
    ended.merge(status, 1, Integer::sum);
    progress.trialEnded(a.trial, status, a.attempt, why);
  }

  private long waitNanos(Deque<Pending> queue, Map<Long, Active> active, long now) {
    long wait = TimeUnit.MILLISECONDS.toNanos(250);
    for (Active a : active.values()) {
      wait = Math.min(wait, Math.max(0, (a.cancelledAtNanos < 0 ? a.deadlineNanos : a.cancelledAtNanos + CANCEL_GRACE.toNanos()) - now));
    }
    for (Pending p : retriesQueued == 0 ? List.<Pending>of() : queue) {
      if (p.notBeforeNanos() > now) {
        wait = Math.min(wait, p.notBeforeNanos() - now);
      }
    }
    return Math.max(wait, 1);
  }

  private void report(int total, Map<TrialStatus, Integer> ended, Map<Long, Active> active, Deque<Pending> queue, long start) {
    int done = ended.getOrDefault(TrialStatus.COMPLETED, 0);
    int failed = ended.getOrDefault(TrialStatus.FAILED, 0) + ended.getOrDefault(TrialStatus.TIMED_OUT, 0)
        + ended.getOrDefault(TrialStatus.CANCELLED, 0);
    int running = (int) active.values().stream().filter(a -> a.cancelledAtNanos < 0).count();
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    int finished = done + failed;
    Optional<Duration> eta = finished == 0 ? Optional.empty()
        : Optional.of(elapsed.multipliedBy(total - finished).dividedBy(finished));
    progress.update(new SweepProgress.Counts(total, done, running, failed, queue.size(), elapsed, eta));
  }

  static String human(Duration d) {
    long s = d.toSeconds();
    return s >= 3600 ? s / 3600 + "h" + (s % 3600) / 60 + "m" : s >= 60 ? s / 60 + "m" + s % 60 + "s" : d.toMillis() % 1000 == 0 ? s + "s" : d.toMillis() + "ms";
  }
}
