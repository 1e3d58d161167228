package dev.rlx.cli.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rlx.cli.RlxCommand;
import dev.rlx.core.store.ResultsStore;
import dev.rlx.core.store.StoredTrial;
import dev.rlx.core.store.TrialStatus;
import dev.rlx.testkit.ScriptedSweep;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Several drivers on one store, as real processes: the same sweep started in two or three
 * terminals shares its trials (each claimed once in the store, none run twice), every driver
 * ends with the whole sweep finished, and the trials of a driver killed on this host run again
 * at once. (Lease expiry, the path for a driver on another machine, is TrialClaimsTest's.)
 */
@Tag("slow")
class SharedStoreIT {

  @TempDir
  Path dir;

  private Process driver(String name, Path spec, Map<String, String> env, String... extra) throws Exception {
    List<String> command = new ArrayList<>(List.of(
        ProcessHandle.current().info().command().orElse("java"),
        "-cp", System.getProperty("java.class.path"), RlxCommand.class.getName(),
        "sweep", spec.toString(), "--store", storeUrl(), "--retry-backoff", "0s", "--stacktrace"));
    command.addAll(List.of(extra));
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
        .redirectOutput(dir.resolve(name + ".out").toFile()).redirectError(dir.resolve(name + ".err").toFile());
    builder.environment().putAll(env);
    return builder.start();
  }

  private String storeUrl() {
    return "jdbc:h2:file:" + dir.resolve("results") + ";AUTO_SERVER=TRUE";
  }

  private Path spec(String name, String yaml) throws Exception {
    Path spec = dir.resolve(name + ".yaml");
    Files.writeString(spec, yaml);
    return spec;
  }

  @ParameterizedTest(name = "{0} drivers")
  @ValueSource(ints = {2, 3})
  void driversStartedTogetherShareTheSweepAndRunEveryTrialOnce(int drivers) throws Exception {
    String name = "shared-" + drivers;
    // 500 trials of 20 ms on 2 slots each: about 5 s for one driver, so that all of them overlap.
    Path spec = spec(name, ScriptedSweep.yaml(name, "{mode: sleep, duration_ms: 20, metrics: 10}",
        "resources: {isolation: thread}", "sweep: {seeds: 500}"));
    List<Process> running = new ArrayList<>();
    for (int d = 0; d < drivers; d++) {
      running.add(driver(name + "-" + d, spec, Map.of(), "--jobs", "2"));
      Thread.sleep(300);
    }
    int ranElsewhere = 0;
    for (int d = 0; d < drivers; d++) {
      Process p = running.get(d);
      assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
      String out = Files.readString(dir.resolve(name + "-" + d + ".out"));
      assertThat(p.exitValue()).as(out + Files.readString(dir.resolve(name + "-" + d + ".err"))).isZero();
      ranElsewhere += out.contains("run by other drivers") ? 1 : 0;
    }
    assertThat(ranElsewhere).as("drivers that left trials to the others").isGreaterThanOrEqualTo(1);
    try (ResultsStore store = ResultsStore.open(storeUrl())) {
      List<StoredTrial> trials = store.trials().of(name);
      assertThat(trials).hasSize(500).allSatisfy(t -> assertThat(t.status()).isEqualTo(TrialStatus.COMPLETED));
      assertThat(store.trials().claims(name).values()).as("claims per trial").containsOnly(1);
      long rowsPerTrial = store.metrics().of(trials.get(0).pk()).size();
      assertThat(rowsPerTrial).isGreaterThanOrEqualTo(10);
      assertThat(store.metrics().count(name)).isEqualTo(500 * rowsPerTrial);
    }
  }

  @Test
  void aKilledDriversTrialsRunAgainAtOnceOnItsHost() throws Exception {
    Path spec = spec("killed", ScriptedSweep.yaml("killed", "{mode: sleep, duration_ms: 1500, metrics: 5}",
        "resources: {isolation: thread}", "sweep: {seeds: 8}"));
    Process first = driver("first", spec, Map.of(), "--jobs", "2"); // the default lease: 60 s
    waitAtMostAMinuteFor(() -> count("killed", TrialStatus.RUNNING) >= 2);
    Process second = driver("second", spec, Map.of(), "--jobs", "2");
    Thread.sleep(500);
    signal(first, "KILL");
    assertThat(first.waitFor(10, TimeUnit.SECONDS)).isTrue();
    long start = System.nanoTime();
    assertThat(second.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(second.exitValue()).as(Files.readString(dir.resolve("second.err"))).isZero();
    assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).as("well before the 60 s lease ran out").isLessThan(30);
    try (ResultsStore store = ResultsStore.open(storeUrl())) {
      assertThat(store.trials().of("killed")).hasSize(8).allSatisfy(t -> assertThat(t.status()).isEqualTo(TrialStatus.COMPLETED));
    }
  }

  @Test
  void driversShareAStoreServedOverTcp() throws Exception {
    Process serve = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
        "-cp", System.getProperty("java.class.path"), RlxCommand.class.getName(),
        "store", "serve", "--store", dir.resolve("served").toString(), "--port", "0")
        .redirectErrorStream(true).start();
    try (java.io.BufferedReader out = new java.io.BufferedReader(new java.io.InputStreamReader(serve.getInputStream()))) {
      assertThat(out.readLine()).startsWith("serving " + dir.resolve("served"));
      String url = out.readLine().replaceAll(".*--store '([^']+)'.*", "$1");
      assertThat(url).startsWith("jdbc:h2:tcp://localhost:").endsWith("//" + dir.resolve("served").toString().substring(1)
          + "/results");
      Path spec = spec("served", ScriptedSweep.yaml("served", "{mode: sleep, duration_ms: 20, metrics: 5}",
          "resources: {isolation: thread}", "sweep: {seeds: 200}"));
      List<Process> drivers = new ArrayList<>();
      for (int d = 0; d < 2; d++) {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
            "-cp", System.getProperty("java.class.path"), RlxCommand.class.getName(),
            "sweep", spec.toString(), "--store", url, "--jobs", "2"));
        drivers.add(new ProcessBuilder(command).directory(dir.toFile())
            .redirectOutput(dir.resolve("tcp-" + d + ".out").toFile()).redirectError(dir.resolve("tcp-" + d + ".err").toFile())
            .start());
        Thread.sleep(300);
      }
      for (int d = 0; d < 2; d++) {
        assertThat(drivers.get(d).waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(drivers.get(d).exitValue()).as(Files.readString(dir.resolve("tcp-" + d + ".err"))).isZero();
      }
      try (ResultsStore store = ResultsStore.open(url)) {
        assertThat(store.trials().of("served")).hasSize(200).allSatisfy(t -> assertThat(t.status()).isEqualTo(TrialStatus.COMPLETED));
        assertThat(store.trials().claims("served").values()).containsOnly(1);
      }
    } finally {
      serve.destroy(); // SIGTERM: the server stops
      assertThat(serve.waitFor(20, TimeUnit.SECONDS)).isTrue();
    }
  }

  private static void signal(Process p, String signal) throws Exception {
    new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start().waitFor();
  }

  private static void waitAtMostAMinuteFor(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
  }

  private int count(String experiment, TrialStatus status) {
    return DriverStores.count(dir, storeUrl(), experiment, status);
  }
}
