package dev.rlx.cli.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.rlx.cli.CliRun;
import dev.rlx.cli.InProcessCliTest;
import dev.rlx.core.store.ResultsStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** A store that cannot be used gets one line that says why and what to do, exit code 1, and nothing is run. */
class BadStoreTest extends InProcessCliTest {

  private CliRun sweepInto(String store) {
    return CliRun.of("sweep", spec.toString(), "--store", store);
  }

  private static void assertOneLine(CliRun run, String... says) {
    assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
    assertThat(run.err()).contains(says).doesNotContain("\tat ", "SQL statement");
    assertThat(run.out()).doesNotContain("completed");
  }

  @Test
  void aStorePathThatIsAFile() throws Exception {
    Path file = Files.writeString(dir.resolve("afile"), "x");
    assertOneLine(sweepInto(file.toString()), "the store directory " + file + " is a file", "--store takes a directory");
    assertThat(Files.readString(file)).isEqualTo("x");
  }

  @Test
  void aStorePathUnderAFile() throws Exception {
    Path file = Files.writeString(dir.resolve("afile"), "x");
    assertOneLine(sweepInto(file.resolve("sub").toString()), "cannot create the store directory " + file.resolve("sub"),
        "Not a directory");
  }

  @Test
  void aStoreDirectoryThisUserCannotWrite() throws Exception {
    assumeThat(System.getProperty("user.name")).as("root may write anywhere").isNotEqualTo("root");
    Path readOnly = Files.createDirectory(dir.resolve("read-only"));
    Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
    assertOneLine(sweepInto(readOnly.toString()), "cannot write to the store " + readOnly, "permission denied");
  }

  @Test
  void aServerThatIsDown() {
    assertOneLine(sweepInto("jdbc:h2:tcp://127.0.0.1:1/nothing-here"), "cannot reach the store's server at",
        "Connection refused", "start it, or check the host and port");
  }

  @Test
  void aStoreWrittenByANewerRlx() throws Exception {
    Path storeDir = dir.resolve("newer");
    String url = ResultsStore.urlIn(storeDir);
    ResultsStore.open(url).close();
    try (Connection c = DriverManager.getConnection(ResultsStore.jdbcUrl(url), "rlx", ""); Statement s = c.createStatement()) {
      s.execute("INSERT INTO \"flyway_schema_history\" (\"installed_rank\", \"version\", \"description\", \"type\","
          + " \"script\", \"checksum\", \"installed_by\", \"installed_on\", \"execution_time\", \"success\")"
          + " VALUES (99, '99', 'from the future', 'SQL', 'V99__future.sql', 1, 'RLX', CURRENT_TIMESTAMP, 1, TRUE)");
    }
    assertOneLine(sweepInto(storeDir.toString()), "was written by a newer rlx (its schema has version 99;",
        "open it with that rlx, or use another store");
  }

  /**
   * A store on a disk that fills mid-sweep (a 3 MiB tmpfs, mounted as root): the sweep stops at
   * once saying the disk is full, what finished is kept, and once there is room the rerun
   * resumes from it.
   */
  @Test
  void aDiskThatFillsMidSweepKeepsWhatFinishedAndTheRerunResumes() throws Exception {
    assumeThat(System.getProperty("user.name")).as("mounting a small disk needs root").isEqualTo("root");
    Path disk = Files.createDirectory(dir.resolve("small-disk"));
    mount("-t", "tmpfs", "-o", "size=3m", "tmpfs", disk.toString());
    try {
      Path big = write("fill.yaml", """
          name: fill
          environment: {id: random-walk, params: {n_states: 19}}
          algorithm: {id: td-lambda, params: {alpha: 0.1}}
          budget: {episodes: 200}
          sweep: {grid: {algorithm.params.lambda: [0.0, 0.2, 0.4, 0.6, 0.8, 0.9]}, seeds: 50}
          """);
      String store = disk.resolve("store").toString();
      // Driver processes of their own, as a user runs them (a rerun in the same JVM would wait out
      // the leases of trials the first run held).
      Driver full = driver("sweep", big.toString(), "--store", store);
      assertThat(full.exitCode()).as(full.err()).isEqualTo(1);
      assertThat(full.err()).contains("the disk holding it is full", "free some space and run the sweep again")
          .doesNotContain("\tat ", "SQL statement");
      mount("-o", "remount,size=64m", disk.toString());
      long kept;
      try (ResultsStore results = ResultsStore.open(ResultsStore.urlIn(disk.resolve("store")))) {
        kept = results.trials().of("fill").stream().filter(t -> t.status() == dev.rlx.core.store.TrialStatus.COMPLETED).count();
      }
      assertThat(kept).as("trials that finished before the disk filled").isBetween(1L, 299L);
      Driver rerun = driver("sweep", big.toString(), "--store", store);
      assertThat(rerun.exitCode()).as(rerun.err()).isZero();
      assertThat(rerun.out()).contains((300 - kept) + " to run, " + kept + " already completed")
          .contains((300 - kept) + " completed, 0 failed");
    } finally {
      mount("-u", disk.toString());
    }
  }

  record Driver(int exitCode, String out, String err) {}

  /** {@code rlx ARGS} in a JVM of its own. */
  private Driver driver(String... args) throws Exception {
    java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(
        ProcessHandle.current().info().command().orElse("java"), "-cp", System.getProperty("java.class.path"),
        dev.rlx.cli.RlxCommand.class.getName()));
    command.addAll(java.util.List.of(args));
    Path out = dir.resolve("driver.out");
    Path err = dir.resolve("driver.err");
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertThat(p.waitFor(180, java.util.concurrent.TimeUnit.SECONDS)).as("rlx %s ended", java.util.List.of(args)).isTrue();
    return new Driver(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  /** Runs mount(8) with {@code args} ({@code -u}: umount). */
  private static void mount(String... args) throws Exception {
    java.util.List<String> command = new java.util.ArrayList<>(args[0].equals("-u") ? java.util.List.of("umount", args[1])
        : java.util.List.of("mount"));
    if (!args[0].equals("-u")) {
      command.addAll(java.util.List.of(args));
    }
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String said = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(String.join(" ", command) + ": " + said).isZero();
  }
}
