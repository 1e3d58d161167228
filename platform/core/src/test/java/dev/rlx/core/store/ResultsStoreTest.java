package dev.rlx.core.store;

import static org.assertj.core.api.Assertions.assertThat;

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
    assertThat(ResultsStore.migrate(url)).isEqualTo(3);
    assertThat(ResultsStore.migrate(url)).isZero();
    List<MigrationInfo> migrations = ResultsStore.migrations(url);
    assertThat(migrations).extracting(m -> m.getVersion().getVersion()).containsExactly("1", "2", "3");
    assertThat(migrations).allSatisfy(m -> assertThat(m.getState().isApplied()).isTrue());
    try (var c = DriverManager.getConnection(url, "rlx", "");
        var rs = c.getMetaData().getTables(null, "PUBLIC", null, new String[] {"TABLE"})) {
      List<String> tables = new ArrayList<>();
      while (rs.next()) {
        tables.add(rs.getString("TABLE_NAME").toLowerCase());
      }
      assertThat(tables).contains("experiments", "sweeps", "trials", "metrics", "metric_keys", "artifacts", "slurm_jobs", "slurm_tasks", "mlflow_sweeps", "mlflow_trials");
    }
    assertThat(dir.resolve("results.mv.db")).exists();
  }

  @Test
  void opensTheDefaultStoreUnderTheWorkingDirectory() {
    try (ResultsStore store = ResultsStore.open(ResultsStore.defaultUrl(dir))) {
      assertThat(store.counts()).containsEntry("trials", 0L);
    }
    assertThat(dir.resolve(".rlx/results.mv.db")).exists();
  }
}
