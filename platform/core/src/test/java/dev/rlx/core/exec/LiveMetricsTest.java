package dev.rlx.core.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rlx.core.store.MetricRow;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The live metrics file a running trial streams to, and the reader the MLflow mirror tails it with. */
class LiveMetricsTest {

  @TempDir
  Path dir;

  @Test
  void rowsAreOnDiskWithinAFlushIntervalAndAllOfThemOnClose() throws Exception {
    LiveMetrics live = LiveMetrics.start(dir);
    live.append(new MetricRow("loss", 1, 0.5, 0.01));
    Thread.sleep(3 * LiveMetrics.FLUSH_MILLIS);
    LiveMetrics.Chunk first = LiveMetrics.read(dir.resolve(LiveMetrics.FILE), 0, 100);
    assertThat(first.rows()).containsExactly(new MetricRow("loss", 1, 0.5, 0.01));
    live.append(new MetricRow("loss", 2, Double.NaN, 0.02));
    live.close();
    LiveMetrics.Chunk rest = LiveMetrics.read(dir.resolve(LiveMetrics.FILE), first.next(), 100);
    assertThat(rest.rows()).hasSize(1);
    assertThat(rest.rows().get(0).value()).isNaN();
    assertThat(rest.next()).isEqualTo(Files.size(dir.resolve(LiveMetrics.FILE)));
  }

  @Test
  void aReaderTakesWholeLinesOnlyAndStopsWhereAsked() throws Exception {
    Path file = dir.resolve(LiveMetrics.FILE);
    Files.writeString(file, "a\t1\t1.0\t0.1\na\t2\t2.0\t0.2\na\t3\t3.", StandardCharsets.UTF_8); // the last line half-written
    LiveMetrics.Chunk all = LiveMetrics.read(file, 0, 100);
    assertThat(all.rows()).extracting(MetricRow::step).containsExactly(1L, 2L);
    assertThat(all.next()).isEqualTo("a\t1\t1.0\t0.1\na\t2\t2.0\t0.2\n".length());
    assertThat(LiveMetrics.read(file, 0, 1).rows()).hasSize(1);
    long firstLine = "a\t1\t1.0\t0.1\n".length();
    assertThat(LiveMetrics.read(file, 0, firstLine, 100).rows()).extracting(MetricRow::step).containsExactly(1L);
    assertThat(LiveMetrics.read(file, all.next(), 100).rows()).as("nothing whole past the mark yet").isEmpty();
  }

  @Test
  void aMissingFileOrOneShorterThanTheOffsetHasNothingAndAMalformedLineIsSaid() throws Exception {
    Path file = dir.resolve(LiveMetrics.FILE);
    assertThat(LiveMetrics.read(file, 0, 100).rows()).isEmpty();
    Files.writeString(file, "a\t1\t1.0\t0.1\n");
    assertThat(LiveMetrics.read(file, 1_000, 100)).isEqualTo(new LiveMetrics.Chunk(java.util.List.of(), 1_000));
    Files.writeString(file, "not a row\n");
    assertThatThrownBy(() -> LiveMetrics.read(file, 0, 100)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("malformed line in").hasMessageContaining("not a metric row");
  }
}
