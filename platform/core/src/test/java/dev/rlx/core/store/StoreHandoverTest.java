package dev.rlx.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.rlx.sweeps.TrialSpec;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store opened with AUTO_SERVER is served by the first process that opened it. A sweep
 * driver that opens it while another rlx process has it open (`rlx status`, `rlx runs`, another
 * sweep) writes through that process, and must keep every write when that process exits under it.
 */
class StoreHandoverTest {

  private static final Provenance PROVENANCE = new Provenance("test", null, "localhost", "jvm", "test");

  @TempDir
  Path dir;

  private Process holder;

  @AfterEach
  void stopHolder() throws Exception {
    if (holder != null && holder.isAlive()) {
      holder.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void aSweepKeepsEveryWriteWhenTheProcessServingItsStoreExitsMidGroup() throws Exception {
    String url = ResultsStore.urlIn(dir);
    ResultsStore.migrate(url);
    holder = hold(url);
    List<TrialSpec> trials = List.of(trial(0, "a"), trial(1, "b"), trial(2, "c"));
    long sweepId;
    try (ResultsStore store = ResultsStore.open(url)) {
      long experimentId = store.sweeps().experiment("handover", "hash", "spec.yaml", "text");
      sweepId = store.sweeps().start("handover", experimentId, trials.size(), PROVENANCE);
      store.trials().enqueue("handover", sweepId, trials, Map.of());
      store.beginGroupCommits();
      store.trials().markRunning("handover", "a", 1, "process", "cpu", "/runs/a");
      store.trials().complete("handover", "a", 10, metrics("a", 300), Map.of());
      store.commitGroup();
      // Trial b ends in the open group, then the process serving the store goes away.
      store.trials().markRunning("handover", "b", 1, "process", "cpu", "/runs/b");
      store.trials().complete("handover", "b", 10, metrics("b", 300), Map.of());
      store.trials().markRunning("handover", "c", 1, "process", "cpu", "/runs/c");
      release(holder);
      store.trials().complete("handover", "c", 10, metrics("c", 300), Map.of());
      store.commitGroup();
      store.endGroupCommits();
      store.sweeps().finish(sweepId, "FINISHED");
    }
    try (ResultsStore store = ResultsStore.open(url)) {
      assertThat(store.trials().of("handover")).extracting(StoredTrial::trialId, StoredTrial::status).containsExactly(
          org.assertj.core.groups.Tuple.tuple("a", TrialStatus.COMPLETED),
          org.assertj.core.groups.Tuple.tuple("b", TrialStatus.COMPLETED),
          org.assertj.core.groups.Tuple.tuple("c", TrialStatus.COMPLETED));
      assertThat(store.metrics().count("handover")).isEqualTo(3 * 300);
      assertThat(store.sweeps().find(sweepId)).map(SweepRecord::status).contains("FINISHED");
    }
  }

  @Test
  void aStoreKeepsAutocommittedWritesWhenTheProcessServingItExits() throws Exception {
    String url = ResultsStore.urlIn(dir);
    ResultsStore.migrate(url);
    holder = hold(url);
    try (ResultsStore store = ResultsStore.open(url)) {
      long experimentId = store.sweeps().experiment("handover", "hash", "spec.yaml", "text");
      long sweepId = store.sweeps().start("handover", experimentId, 1, PROVENANCE);
      store.trials().enqueue("handover", sweepId, List.of(trial(0, "a")), Map.of());
      release(holder);
      store.trials().markRunning("handover", "a", 1, "thread", "cpu", "/runs/a");
      store.trials().complete("handover", "a", 10, metrics("a", 50), Map.of());
      store.sweeps().finish(sweepId, "FINISHED");
      assertThat(store.sweeps().recent(Optional.of("handover"), 10)).extracting(SweepRecord::status).containsExactly("FINISHED");
    }
    try (ResultsStore store = ResultsStore.open(url)) {
      assertThat(store.trials().of("handover")).extracting(StoredTrial::status).containsExactly(TrialStatus.COMPLETED);
      assertThat(store.metrics().count("handover")).isEqualTo(50);
    }
  }

  /** Starts a process that opens the store (so serves it to the processes that open it next). */
  private static Process hold(String url) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), StoreHolder.class.getName(), url)
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine();
    assertThat(line).as("the holder's first line").startsWith("open ");
    return process;
  }

  /** Lets the holder exit, and waits until it has. */
  private static void release(Process process) throws Exception {
    try (OutputStream in = process.getOutputStream()) {
      in.write("exit\n".getBytes(StandardCharsets.UTF_8));
    }
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
  }

  private static TrialSpec trial(int index, String id) {
    return new TrialSpec(index, id, "", List.of(), index, JsonNodeFactory.instance.objectNode());
  }

  private static List<MetricRow> metrics(String trial, int steps) {
    List<MetricRow> rows = new ArrayList<>();
    for (int step = 0; step < steps; step++) {
      rows.add(new MetricRow("loss/" + trial, step, 1.0 / (step + 1), step));
    }
    return rows;
  }
}
