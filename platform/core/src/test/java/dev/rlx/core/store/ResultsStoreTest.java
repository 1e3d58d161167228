package dev.rlx.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsStoreTest {

  @TempDir
  Path dir;

  @Test
  void migratesAnEmptyDatabaseOnceAndOnlyOnce() throws Exception {
    String url = "jdbc:h2:file:" + dir.resolve("results");
    assertThat(ResultsStore.migrate(url)).isEqualTo(6);
    assertThat(ResultsStore.migrate(url)).isZero();
    List<MigrationInfo> migrations = ResultsStore.migrations(url);
    assertThat(migrations).extracting(m -> m.getVersion().getVersion()).containsExactly("1", "2", "3", "4", "5", "6");
    assertThat(migrations).allSatisfy(m -> assertThat(m.getState().isApplied()).isTrue());
    try (var c = DriverManager.getConnection(ResultsStore.jdbcUrl(url), "rlx", "");
        var rs = c.getMetaData().getTables(null, "PUBLIC", null, new String[] {"TABLE"})) {
      List<String> tables = new ArrayList<>();
      while (rs.next()) {
        tables.add(rs.getString("TABLE_NAME").toLowerCase());
      }
      assertThat(tables).contains("experiments", "sweeps", "trials", "metrics", "metric_keys", "artifacts", "slurm_jobs", "slurm_tasks", "mlflow_sweeps", "mlflow_trials", "mlflow_groups");
    }
    assertThat(dir.resolve("results.mv.db")).exists();
  }

  @Test
  void anH2StoreIsNotCompactedWhenItsLastConnectionCloses() throws Exception {
    // StoreFile.connectUrl: H2's compaction at close once left a file at an earlier chunk.
    String url = ResultsStore.urlIn(dir.resolve("compact"));
    assertThat(ResultsStore.jdbcUrl(url)).endsWith(";MAX_COMPACT_TIME=0");
    assertThat(ResultsStore.jdbcUrl(url + ";MAX_COMPACT_TIME=50")).isEqualTo(url + ";MAX_COMPACT_TIME=50");
    assertThat(ResultsStore.jdbcUrl("jdbc:h2:mem:x")).isEqualTo("jdbc:h2:mem:x");
    assertThat(ResultsStore.jdbcUrl("jdbc:postgresql://db/rlx")).isEqualTo("jdbc:postgresql://db/rlx");
    try (ResultsStore store = ResultsStore.open(url);
        var c = DriverManager.getConnection(url, "rlx", ""); // the same open database: its settings are rlx's
        var s = c.createStatement();
        var rs = s.executeQuery("SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'MAX_COMPACT_TIME'")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("0");
    }
  }

  @Test
  void opensTheDefaultStoreUnderTheWorkingDirectory() {
    try (ResultsStore store = ResultsStore.open(ResultsStore.defaultUrl(dir))) {
      assertThat(store.counts()).containsEntry("trials", 0L);
    }
    assertThat(dir.resolve(".rlx/results.mv.db")).exists();
  }

  @Test
  void readingAStoreThatIsNotThereCreatesNothing() {
    Path missing = dir.resolve("no-such-store");
    String url = ResultsStore.urlIn(missing);
    assertThatThrownBy(() -> ResultsStore.openExisting(url))
        .isInstanceOf(NoStoreException.class)
        .hasMessageContaining("no results store at " + missing.toAbsolutePath());
    assertThat(missing).doesNotExist();
    try (ResultsStore store = ResultsStore.open(url)) {
      assertThat(store.counts()).containsEntry("sweeps", 0L);
    }
    try (ResultsStore store = ResultsStore.openExisting(url)) {
      assertThat(store.counts()).containsEntry("sweeps", 0L);
    }
  }

  @Test
  void aStoreFileDeletedWhileOpenIsWrittenBackWithEverythingRecordedSoFar() throws Exception {
    Path store = dir.resolve(".rlx");
    String url = ResultsStore.urlIn(store);
    try (ResultsStore results = ResultsStore.open(url); var slurm = dev.rlx.core.slurm.SlurmJobs.open(url)) {
      results.sweeps().experiment("before", "h1", "a.yaml", "text");
      results.beginGroupCommits();
      results.sweeps().experiment("in-the-group", "h2", "b.yaml", "text");
      assertThat(results.restoreIfDeleted()).isEmpty(); // the file is there: nothing to do

      deleteRecursively(store); // rm -rf .rlx while the sweep runs
      assertThat(store.resolve("results.mv.db")).doesNotExist();

      assertThat(results.restoreIfDeleted()).hasValueSatisfying(notice ->
          assertThat(notice).contains(store.resolve("results.mv.db").toString(), "deleted", "wrote the open database back"));
      assertThat(store.resolve("results.mv.db")).exists();
      assertThat(store).isDirectoryNotContaining("glob:**.gz");
      results.sweeps().experiment("after", "h3", "c.yaml", "text"); // the store goes on, still grouping
      assertThat(slurm.jobIds("before")).isEmpty(); // a connection of its own, shut with the old file, reopens
      results.commitGroup();
      results.endGroupCommits();
      assertThat(results.restoreIfDeleted()).isEmpty();
    }
    try (ResultsStore reopened = ResultsStore.openExisting(url)) {
      assertThat(reopened.counts()).containsEntry("experiments", 3L);
    }
  }

  private static void deleteRecursively(Path root) throws java.io.IOException {
    try (java.util.stream.Stream<Path> paths = java.nio.file.Files.walk(root)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        java.nio.file.Files.delete(p);
      }
    }
  }

  @Test
  void findsTheFileOfAnH2FileStore() {
    assertThat(ResultsStore.h2File("jdbc:h2:file:/data/rlx/results;AUTO_SERVER=TRUE")).contains(Path.of("/data/rlx/results.mv.db"));
    assertThat(ResultsStore.h2File("jdbc:h2:/data/rlx/results")).contains(Path.of("/data/rlx/results.mv.db"));
    assertThat(ResultsStore.h2File("jdbc:h2:tcp://host/data/rlx/results")).isEmpty();
    assertThat(ResultsStore.h2File("jdbc:h2:mem:results")).isEmpty();
    assertThat(ResultsStore.h2File("jdbc:postgresql://host/rlx")).isEmpty();
  }
}
