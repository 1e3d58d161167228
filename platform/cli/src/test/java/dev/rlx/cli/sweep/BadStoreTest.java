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
}
