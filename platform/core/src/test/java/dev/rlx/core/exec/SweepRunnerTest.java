package dev.rlx.core.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rlx.api.Isolation;
import dev.rlx.core.plan.ExperimentPlan;
import dev.rlx.core.store.ResultsStore;
import dev.rlx.core.store.StoredTrial;
import dev.rlx.core.store.TrialStatus;
import dev.rlx.testkit.RandomWalkSweep;
import dev.rlx.testkit.ScriptedSweep;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real sweeps on real H2 files, with thread-isolated trials and real worker processes. */
class SweepRunnerTest {

  @TempDir
  Path dir;

  private ResultsStore store() {
    return ResultsStore.open("jdbc:h2:file:" + dir.resolve("results"));
  }

  private static Map<String, StoredTrial> byVariant(ResultsStore store, String experiment) {
    return store.trials().of(experiment).stream().collect(Collectors.toMap(StoredTrial::variant, Function.identity()));
  }

  @Test
  void runsEveryTrialOfATabularSweepAndStoresItsMetrics() throws Exception {
    ExperimentPlan plan = Sweeps.plan(RandomWalkSweep.yaml(20, "[0.0, 0.8]", 3));
    try (ResultsStore store = store()) {
      SweepRunner.Report report = Sweeps.run(store, plan, Sweeps.options(dir, 2, GpuInventory.NONE, Optional.empty()));
      assertThat(report.summary().count(TrialStatus.COMPLETED)).isEqualTo(6);
      assertThat(store.trials().of("walk")).hasSize(6).allSatisfy(t -> {
        assertThat(t.status()).isEqualTo(TrialStatus.COMPLETED);
        assertThat(t.device()).isEqualTo("cpu");
      });
      // 20 episodes × (rms_error, episode_length) per trial.
      assertThat(store.metrics().count("walk")).isEqualTo(6 * 40);
      assertThat(store.metrics().of(store.trials().of("walk").get(0).pk())).filteredOn(m -> m.key().equals("rms_error")).hasSize(20);
    }
  }

  @Test
  void resumesBySkippingCompletedTrials() throws Exception {
    ExperimentPlan plan = Sweeps.plan(ScriptedSweep.yaml("resume", "", "sweep: {seeds: 4}"));
    try (ResultsStore store = store()) {
      SweepOptions options = Sweeps.options(dir, 2, GpuInventory.NONE, Optional.empty());
      assertThat(Sweeps.run(store, plan, options).skipped()).isZero();
      SweepRunner.Report again = Sweeps.run(store, plan, options);
      assertThat(again.skipped()).isEqualTo(4);
      assertThat(again.summary().counts()).isEmpty();
      assertThat(store.metrics().count("resume")).isEqualTo(4 * 13);
      SweepOptions fresh = new SweepOptions(dir, 2, GpuInventory.NONE, Optional.empty(), false, true, true,
          java.time.Duration.ZERO, java.util.List.of());
      assertThat(Sweeps.run(store, plan, fresh).summary().count(TrialStatus.COMPLETED)).isEqualTo(4);
      assertThat(store.metrics().count("resume")).isEqualTo(4 * 13);
    }
  }

  @Test
  void retriesAFailedAttempt() throws Exception {
    ExperimentPlan plan = Sweeps.plan(ScriptedSweep.yaml("flaky", "{mode: flaky}", "resources: {retries: 1}"));
    try (ResultsStore store = store()) {
      Sweeps.run(store, plan, Sweeps.options(dir, 1, GpuInventory.NONE, Optional.empty()));
      assertThat(store.trials().of("flaky")).singleElement().satisfies(t -> {
        assertThat(t.status()).isEqualTo(TrialStatus.COMPLETED);
        assertThat(t.attempts()).isEqualTo(2);
      });
    }
  }

  @Test
  void aFailedTrialRecordsItsErrorAndIsRerunNextTimeUnlessTold() throws Exception {
    ExperimentPlan plan = Sweeps.plan(ScriptedSweep.yaml("fails", "{mode: throw}"));
    try (ResultsStore store = store()) {
      Sweeps.run(store, plan, Sweeps.options(dir, 1, GpuInventory.NONE, Optional.empty()));
      assertThat(store.trials().of("fails")).singleElement().satisfies(t -> {
        assertThat(t.status()).isEqualTo(TrialStatus.FAILED);
        assertThat(t.error()).isEqualTo("IllegalStateException: scripted failure");
      });
      SweepRunner runner = new SweepRunner(Sweeps.CATALOG, store);
      assertThat(runner.preview(plan, Sweeps.options(dir, 1, GpuInventory.NONE, Optional.empty())).toRun()).isEqualTo(1);
      SweepOptions skipFailed = new SweepOptions(dir, 1, GpuInventory.NONE, Optional.empty(), false, false, false,
          java.time.Duration.ZERO, java.util.List.of());
      assertThat(runner.preview(plan, skipFailed).toRun()).isZero();
    }
  }

  @Test
  @Tag("slow")
  void inWorkerProcessesEachBadTrialFailsAloneWhileTheOthersComplete() throws Exception {
    ExperimentPlan plan = Sweeps.plan(ScriptedSweep.yaml("misbehave", "",
        "resources: {isolation: process, timeout: 4s, memory: 64m}", """
        sweep:
          variants:
            ok-a: {algorithm.params.mode: complete}
            throws: {algorithm.params.mode: throw}
            exits: {algorithm.params.mode: exit}
            hangs: {algorithm.params.mode: sleep, algorithm.params.duration_ms: 600000, algorithm.params.ignore_cancel: true}
            hogs: {algorithm.params.mode: hog}
            ok-b: {algorithm.params.mode: complete, algorithm.params.metrics: 5}
        """));
    try (ResultsStore store = store()) {
      SweepRunner.Report report = Sweeps.run(store, plan, Sweeps.options(dir, 2, GpuInventory.NONE, Optional.empty()));
      Map<String, StoredTrial> trials = byVariant(store, "misbehave");
      assertThat(trials.get("ok-a").status()).as(trials.get("ok-a").error()).isEqualTo(TrialStatus.COMPLETED);
      assertThat(trials.get("ok-b").status()).isEqualTo(TrialStatus.COMPLETED);
      assertThat(trials.get("throws").status()).isEqualTo(TrialStatus.FAILED);
      assertThat(trials.get("throws").error()).isEqualTo("IllegalStateException: scripted failure");
      assertThat(trials.get("exits").status()).isEqualTo(TrialStatus.FAILED);
      assertThat(trials.get("exits").error()).isEqualTo("the worker process exited with code 7");
      assertThat(trials.get("hangs").status()).isEqualTo(TrialStatus.TIMED_OUT);
      assertThat(trials.get("hangs").error()).isEqualTo("timed out after 4s");
      assertThat(trials.get("hogs").status()).isEqualTo(TrialStatus.FAILED);
      assertThat(trials.get("hogs").error()).contains("ran out of memory");
      assertThat(report.summary().count(TrialStatus.COMPLETED)).isEqualTo(2);
      assertThat(store.metrics().of(trials.get("ok-b").pk())).filteredOn(m -> m.key().equals("value")).hasSize(5);
      assertThat(dir.resolve(".rlx/runs/misbehave/" + trials.get("ok-a").trialId() + "/note.txt")).exists();
    }
  }

  @Test
  @Tag("slow")
  void processTrialsSeeOnlyTheirGpusFromAFakedInventory() throws Exception {
    ExperimentPlan plan = Sweeps.plan(ScriptedSweep.yaml("gpus", "{mode: sleep, duration_ms: 300}",
        "resources: {isolation: process, gpus: 0.5, cpus: 1}", "sweep: {seeds: 4}"));
    try (ResultsStore store = store()) {
      Sweeps.run(store, plan, Sweeps.options(dir, 4, GpuInventory.ofIndices("3,5"), Optional.empty()));
      for (StoredTrial t : store.trials().of("gpus")) {
        assertThat(t.status()).as(t.error()).isEqualTo(TrialStatus.COMPLETED);
        Map<String, Double> m = store.metrics().of(t.pk()).stream()
            .collect(Collectors.toMap(r -> r.key(), r -> r.value(), (a, b) -> b));
        assertThat(m.get("device/cuda_visible_count")).isEqualTo(1.0);
        assertThat(m.get("device/cuda_visible_first")).isIn(3.0, 5.0);
        assertThat(m.get("device/context_gpu_first")).isEqualTo(m.get("device/cuda_visible_first"));
        assertThat(t.device()).matches("gpu:[35] \\(0.5 share\\)");
      }
    }
  }

  @Test
  void refusesGpuTrialsWithoutGpusUnlessAllowedOnCpu() throws Exception {
    ExperimentPlan plan = Sweeps.plan(ScriptedSweep.yaml("needs-gpu", "", "resources: {gpus: 1}"));
    try (ResultsStore store = store()) {
      assertThatThrownBy(() -> Sweeps.run(store, plan, Sweeps.options(dir, 1, GpuInventory.NONE, Optional.empty())))
          .isInstanceOf(SweepRunner.SweepRefused.class).hasMessageContaining("--allow-cpu");
      SweepOptions onCpu = new SweepOptions(dir, 1, GpuInventory.NONE, Optional.empty(), true, true, false,
          java.time.Duration.ZERO, java.util.List.of());
      assertThat(Sweeps.run(store, plan, onCpu).summary().count(TrialStatus.COMPLETED)).isEqualTo(1);
    }
  }

  @Test
  void refusesPluginsThatAreOnlyDeclared() throws Exception {
    ExperimentPlan plan = Sweeps.plan("""
        name: not-yet
        environment: {id: CartPole-v1}
        algorithm: {id: declared-only}
        budget: {env_steps: 100}
        """);
    try (ResultsStore store = store()) {
      assertThatThrownBy(() -> Sweeps.run(store, plan, Sweeps.options(dir, 1, GpuInventory.NONE, Optional.empty())))
          .isInstanceOf(SweepRunner.SweepRefused.class)
          .hasMessageContaining("algorithm 'declared-only'").hasMessageContaining("not implemented");
      assertThat(store.trials().of("not-yet")).isEmpty();
    }
  }

  @Test
  void stopCancelsRunningTrialsAndLeavesTheRestPending() throws Exception {
    ExperimentPlan plan = Sweeps.plan(ScriptedSweep.yaml("stopped", "{mode: sleep, duration_ms: 60000}",
        "sweep: {seeds: 5}"));
    try (ResultsStore store = store()) {
      TrialScheduler[] scheduler = new TrialScheduler[1];
      Thread stopper = new Thread(() -> {
        try {
          Thread.sleep(500);
        } catch (InterruptedException e) {
          return;
        }
        scheduler[0].stop();
      });
      SweepRunner.Report report = new SweepRunner(Sweeps.CATALOG, store).run(plan,
          Sweeps.options(dir, 2, GpuInventory.NONE, Optional.of(Isolation.THREAD)), Sweeps.PROVENANCE, SweepProgress.SILENT,
          s -> {
            scheduler[0] = s;
            stopper.start();
          });
      assertThat(report.summary().stopped()).isTrue();
      Map<TrialStatus, Long> statuses = store.trials().of("stopped").stream()
          .collect(Collectors.groupingBy(StoredTrial::status, Collectors.counting()));
      assertThat(statuses).containsEntry(TrialStatus.CANCELLED, 2L).containsEntry(TrialStatus.PENDING, 3L);
      assertThat(store.sweeps().recent(Optional.of("stopped"), 1).get(0).status()).isEqualTo("CANCELLED");
    }
  }

  @Test
  void aStoreFileDeletedMidSweepIsWrittenBackAndLosesNoResult() throws Exception {
    ExperimentPlan plan = Sweeps.plan(ScriptedSweep.yaml("deleted", "{mode: sleep, duration_ms: 150, metrics: 3}",
        "sweep: {seeds: 8}"));
    Path file = dir.resolve("results.mv.db");
    List<String> notices = new java.util.concurrent.CopyOnWriteArrayList<>();
    SweepProgress progress = new SweepProgress() {
      @Override
      public void update(Counts counts) { }

      @Override
      public void trialEnded(ScheduledTrial trial, TrialStatus status, int attempt, String error) {
        if (status == TrialStatus.COMPLETED && notices.isEmpty() && java.nio.file.Files.exists(file)) {
          try {
            java.nio.file.Files.delete(file); // mid-sweep, with a result already recorded
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
          notices.add("deleted");
        }
      }

      @Override
      public void notice(String message) {
        notices.add(message);
      }
    };
    try (ResultsStore store = store()) {
      new SweepRunner(Sweeps.CATALOG, store).run(plan, Sweeps.options(dir, 2, GpuInventory.NONE, Optional.of(Isolation.THREAD)),
          Sweeps.PROVENANCE, progress, s -> { });
    }
    assertThat(notices).hasSize(2).last().asString().contains("was deleted while this sweep was running");
    try (ResultsStore reopened = ResultsStore.openExisting("jdbc:h2:file:" + dir.resolve("results"))) {
      assertThat(reopened.trials().of("deleted")).hasSize(8).allSatisfy(t -> {
        assertThat(t.status()).isEqualTo(TrialStatus.COMPLETED);
        assertThat(reopened.metrics().of(t.pk())).filteredOn(m -> m.key().equals("value")).hasSize(3);
      });
    }
  }
}
