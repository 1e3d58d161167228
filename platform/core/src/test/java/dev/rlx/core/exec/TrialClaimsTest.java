package dev.rlx.core.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rlx.core.plan.ExperimentPlan;
import dev.rlx.core.store.DriverId;
import dev.rlx.core.store.ResultsStore;
import dev.rlx.core.store.StoredTrial;
import dev.rlx.core.store.TrialStatus;
import dev.rlx.testkit.ScriptedSweep;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trial claims between drivers on one store, with "another driver" played by the test through
 * its own connection: a trial it holds is not run, one whose lease runs out is taken over, one
 * it finishes counts as run elsewhere, and one whose driver on this host is gone runs at once.
 */
class TrialClaimsTest {

  @TempDir
  Path dir;

  private String url() {
    return "jdbc:h2:file:" + dir.resolve("results") + ";AUTO_SERVER=TRUE";
  }

  private static SweepOptions options(Path dir, Duration lease) {
    return new SweepOptions(dir, 2, GpuInventory.NONE, Optional.empty(), false, true, false, Duration.ZERO, List.of(), lease);
  }

  /** Records the sweep's trials as PENDING, then has {@code other} claim the first one for {@code lease}. */
  private static String claimFirst(ResultsStore store, ExperimentPlan plan, Path dir, String other, Duration lease) {
    SweepRunner runner = new SweepRunner(Sweeps.CATALOG, store);
    runner.record(plan, options(dir, lease), runner.preview(plan, options(dir, lease)), Sweeps.PROVENANCE);
    String first = plan.trials().get(0).id();
    assertThat(store.trials().claim(plan.name(), first, 1, "thread", "cpu", dir.toString(), other, lease)).isTrue();
    assertThat(store.trials().claim(plan.name(), first, 1, "thread", "cpu", dir.toString(), "someone-else", lease))
        .as("a held trial cannot be claimed twice").isFalse();
    return first;
  }

  @Test
  void aTrialHeldByAnotherDriverIsTakenOverWhenItsLeaseRunsOut() throws Exception {
    ExperimentPlan plan = Sweeps.plan(ScriptedSweep.yaml("lease", "", "sweep: {seeds: 3}"));
    try (ResultsStore store = ResultsStore.open(url())) {
      String held = claimFirst(store, plan, dir, "elsewhere/1/1", Duration.ofSeconds(2));
      long start = System.nanoTime();
      SweepRunner.Report report = new SweepRunner(Sweeps.CATALOG, store)
          .run(plan, options(dir, Duration.ofSeconds(4)), Sweeps.PROVENANCE, SweepProgress.SILENT, s -> { });
      assertThat(Duration.ofNanos(System.nanoTime() - start)).as("it waited out the lease").isGreaterThan(Duration.ofMillis(1500));
      assertThat(report.summary().count(TrialStatus.COMPLETED)).isEqualTo(3);
      assertThat(store.trials().of("lease")).allSatisfy(t -> assertThat(t.status()).isEqualTo(TrialStatus.COMPLETED));
      Map<String, Integer> claims = store.trials().claims("lease");
      assertThat(claims.get(held)).isEqualTo(2);
      assertThat(claims).hasSize(3).allSatisfy((id, n) -> assertThat(n).isEqualTo(id.equals(held) ? 2 : 1));
    }
  }

  @Test
  void aTrialAnotherDriverFinishesIsNotRunAgain() throws Exception {
    ExperimentPlan plan = Sweeps.plan(ScriptedSweep.yaml("finished-elsewhere", "", "sweep: {seeds: 3}"));
    ExecutorService driver = Executors.newSingleThreadExecutor();
    try (ResultsStore store = ResultsStore.open(url()); ResultsStore other = ResultsStore.open(url())) {
      String held = claimFirst(other, plan, dir, "elsewhere/1/1", Duration.ofMinutes(5));
      assertThat(store.trials().runningElsewhere(plan.name())).as("the preview says it runs in another driver").isEqualTo(1);
      Future<SweepRunner.Report> report = driver.submit(() -> new SweepRunner(Sweeps.CATALOG, store)
          .run(plan, options(dir, Duration.ofSeconds(60)), Sweeps.PROVENANCE, SweepProgress.SILENT, s -> { }));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (other.trials().of(plan.name()).stream().filter(t -> t.status() == TrialStatus.COMPLETED).count() < 2
          && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(report.isDone()).as("it waits for the trial the other driver holds").isFalse();
      other.trials().complete(plan.name(), held, 10, List.of(), Map.of());
      SweepRunner.Report ended = report.get(30, TimeUnit.SECONDS);
      assertThat(ended.summary().count(TrialStatus.COMPLETED)).isEqualTo(2);
      assertThat(ended.summary().elsewhere()).isEqualTo(1);
      assertThat(store.trials().claims(plan.name())).containsEntry(held, 1);
    } finally {
      driver.shutdownNow();
    }
  }

  @Test
  void theTrialsOfADriverGoneFromThisHostRunAtOnce() throws Exception {
    ExperimentPlan plan = Sweeps.plan(ScriptedSweep.yaml("orphaned", "", "sweep: {seeds: 2}"));
    try (ResultsStore store = ResultsStore.open(url())) {
      DriverId me = DriverId.current();
      DriverId gone = new DriverId(me.host(), me.pid(), me.startMillis() - 1); // this pid, another (earlier) process
      assertThat(gone.goneFromThisHost()).isTrue();
      assertThat(me.goneFromThisHost()).isFalse();
      String held = claimFirst(store, plan, dir, gone.toString(), Duration.ofMinutes(5));
      assertThat(store.trials().runningElsewhere(plan.name())).as("its driver is gone: interrupted, not elsewhere").isZero();
      long start = System.nanoTime();
      SweepRunner.Report report = Sweeps.run(store, plan, options(dir, Duration.ofSeconds(60)));
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
      assertThat(report.summary().count(TrialStatus.COMPLETED)).isEqualTo(2);
      assertThat(store.trials().of("orphaned")).extracting(StoredTrial::status).containsOnly(TrialStatus.COMPLETED);
      assertThat(store.trials().claims("orphaned")).containsEntry(held, 2);
    }
  }
}
