package dev.rlx.cli.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rlx.cli.RlxCommand;
import dev.rlx.core.store.ResultsStore;
import dev.rlx.core.store.StoredTrial;
import dev.rlx.core.store.TrialStatus;
import dev.rlx.testkit.ScriptedSweep;
import dev.rlx.testkit.mlflow.MlflowRun;
import dev.rlx.testkit.mlflow.MlflowTestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sweep driver as a real process, killed and interrupted the way users and machines do
 * it: SIGKILL mid-sweep then a re-run, and Ctrl-C (SIGINT).
 */
@Tag("slow")
class DriverProcessIT {

  @TempDir
  Path dir;

  private Process driver(Path spec, String... extra) throws Exception {
    List<String> command = new ArrayList<>(List.of(
        ProcessHandle.current().info().command().orElse("java"),
        "-cp", System.getProperty("java.class.path"), RlxCommand.class.getName(),
        "sweep", spec.toString(), "--store", storeUrl(), "--retry-backoff", "0s"));
    command.addAll(List.of(extra));
    return new ProcessBuilder(command).directory(dir.toFile())
        .redirectOutput(dir.resolve("driver.out").toFile()).redirectError(dir.resolve("driver.err").toFile()).start();
  }

  private String storeUrl() {
    return "jdbc:h2:file:" + dir.resolve("results") + ";AUTO_SERVER=TRUE";
  }

  private Path spec(String yaml) throws Exception {
    Path spec = dir.resolve("spec.yaml");
    Files.writeString(spec, yaml);
    return spec;
  }

  private static void signal(Process p, String signal) throws Exception {
    new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start().waitFor();
  }

  @Test
  void aSigkilledDriverLosesNoFinishedTrialAndTheRerunDuplicatesNothing() throws Exception {
    Path spec = spec(ScriptedSweep.yaml("killed", "{mode: sleep, duration_ms: 400, metrics: 50}",
        "resources: {isolation: process}", "sweep: {seeds: 12}"));
    Process first = driver(spec, "--jobs", "2");
    waitAtMostAMinuteFor(() -> completed("killed") >= 3);
    signal(first, "KILL");
    assertThat(first.waitFor(10, TimeUnit.SECONDS)).isTrue();
    int before = completed("killed");
    assertThat(before).isBetween(3, 11);

    // Orphaned workers notice their driver is gone and exit.
    Thread.sleep(1500);
    assertThat(ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains(dir.toString())
        && p.info().commandLine().orElse("").contains("TrialWorker"))).isEmpty();

    Process second = driver(spec, "--jobs", "2");
    assertThat(second.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(second.exitValue()).as(Files.readString(dir.resolve("driver.err"))).isZero();
    assertThat(Files.readString(dir.resolve("driver.out"))).contains(before + " skipped");
    try (ResultsStore store = ResultsStore.open(storeUrl())) {
      assertThat(store.trials().of("killed")).hasSize(12).allSatisfy(t -> assertThat(t.status()).isEqualTo(TrialStatus.COMPLETED));
      // 50 values + 3 device metrics per trial, each exactly once.
      assertThat(store.metrics().count("killed")).isEqualTo(12 * 53);
      for (StoredTrial t : store.trials().of("killed")) {
        assertThat(store.metrics().of(t.pk())).hasSize(53);
      }
    }
  }

  @Test
  void aSigkilledDriversMlflowRunsEndKilledAtTheNextStatusAndTheRerunFinishesTheRest() throws Exception {
    Path spec = spec(ScriptedSweep.yaml("abandoned", "{mode: sleep, duration_ms: 1500, metrics: 10}", "sweep: {seeds: 8}"));
    try (MlflowTestServer server = MlflowTestServer.start()) {
      Process first = driver(spec, "--jobs", "2", "--mlflow-uri", server.uri());
      waitAtMostAMinuteFor(() -> completed("abandoned") >= 2 && server.runs().size() >= 4);
      signal(first, "KILL");
      assertThat(first.waitFor(10, TimeUnit.SECONDS)).isTrue();
      assertThat(server.runs()).as("left RUNNING by the killed driver").anyMatch(r -> r.status.equals("RUNNING"));

      Process status = rlx("status");
      assertThat(status.waitFor(60, TimeUnit.SECONDS)).isTrue();
      String said = Files.readString(dir.resolve("rlx.out"));
      assertThat(said).contains("sweep 1 of abandoned: its driver is gone (killed?): marked INTERRUPTED",
          "mlflow: sweep 1 of abandoned is in MLflow");
      assertThat(server.runs()).as("every run of the dead sweep ended").allSatisfy(r -> {
        assertThat(r.status).isIn("KILLED", "FINISHED");
        assertThat(r.endTime).isGreaterThanOrEqualTo(r.startTime);
      });
      MlflowRun parent = server.runs().stream().filter(r -> !r.tags.containsKey("mlflow.parentRunId")).findFirst().orElseThrow();
      assertThat(parent.status).isEqualTo("KILLED");
      try (ResultsStore store = ResultsStore.open(storeUrl())) {
        assertThat(store.sweeps().find(1).orElseThrow().status()).isEqualTo("INTERRUPTED");
      }

      Process second = driver(spec, "--jobs", "2", "--mlflow-uri", server.uri());
      assertThat(second.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(second.exitValue()).as(Files.readString(dir.resolve("driver.err"))).isZero();
      assertThat(server.runs()).noneMatch(r -> r.status.equals("RUNNING"));
      assertThat(server.runs()).filteredOn(r -> !r.tags.containsKey("mlflow.parentRunId"))
          .extracting(r -> r.tags.get("rlx.sweep_id").equals("1") + " " + r.status)
          .as("the killed sweep's parent and the rerun's (H2 may skip ids after a kill)").containsExactlyInAnyOrder("true KILLED",
              "false FINISHED");
      assertThat(server.duplicatePoints()).isZero();
    }
  }

  private Process rlx(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
        "-cp", System.getProperty("java.class.path"), RlxCommand.class.getName()));
    command.addAll(List.of(args));
    command.addAll(List.of("--store", storeUrl()));
    return new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("rlx.out").toFile()).start();
  }

  @Test
  void ctrlCCancelsRunningTrialsRecordsThemAndExitsWith130() throws Exception {
    Path spec = spec(ScriptedSweep.yaml("interrupted", "{mode: sleep, duration_ms: 60000}", "sweep: {seeds: 4}"));
    Process driver = driver(spec, "--jobs", "2");
    waitAtMostAMinuteFor(() -> running("interrupted") >= 2);
    signal(driver, "INT");
    assertThat(driver.waitFor(30, TimeUnit.SECONDS)).as("the driver stops promptly").isTrue();
    assertThat(driver.exitValue()).isEqualTo(130);
    assertThat(Files.readString(dir.resolve("driver.err"))).contains("stopping");
    try (ResultsStore store = ResultsStore.open(storeUrl())) {
      Map<TrialStatus, Long> statuses = store.trials().of("interrupted").stream()
          .collect(Collectors.groupingBy(StoredTrial::status, Collectors.counting()));
      assertThat(statuses).containsEntry(TrialStatus.CANCELLED, 2L).containsEntry(TrialStatus.PENDING, 2L);
      assertThat(store.sweeps().recent(java.util.Optional.of("interrupted"), 1).get(0).status()).isEqualTo("CANCELLED");
    }
  }

  /** Polls {@code condition} until it holds, for a minute at most (the assertions that follow say what did not happen). */
  private static void waitAtMostAMinuteFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
  }

  private int completed(String experiment) {
    return count(experiment, TrialStatus.COMPLETED);
  }

  private int running(String experiment) {
    return count(experiment, TrialStatus.RUNNING);
  }

  private int count(String experiment, TrialStatus status) {
    return DriverStores.count(dir, storeUrl(), experiment, status);
  }
}
