package dev.rlx.core.report;

import dev.rlx.core.store.MetricRow;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/** How one trial's curve of a metric becomes one number. */
public enum Summary {
  /** The value at the last step logged. */
  FINAL,
  /** The time-average over the logged steps: trapezoidal area divided by the step span. */
  AUC,
  /** The largest value. */
  BEST,
  /** The mean of the logged values (e.g. RMS error averaged over episodes, Sutton &amp; Barto Fig. 12.3). */
  MEAN,
  /**
   * The change over training: the mean of the last fifth of the logged values minus the mean of
   * the first fifth (at least one value each), so that one noisy point does not decide it — e.g.
   * whether a per-batch reward rose.
   */
  GAIN;

  public static Summary parse(String text) {
    return valueOf(text.toUpperCase(Locale.ROOT));
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The summary of {@code rows} (one metric, ordered by step); empty when nothing was logged. */
  public OptionalDouble of(List<MetricRow> rows) {
    if (rows.isEmpty()) {
      return OptionalDouble.empty();
    }
    return switch (this) {
      case FINAL -> OptionalDouble.of(rows.get(rows.size() - 1).value());
      case BEST -> rows.stream().mapToDouble(MetricRow::value).max();
      case MEAN -> rows.stream().mapToDouble(MetricRow::value).average();
      case GAIN -> {
        int fifth = Math.max(1, rows.size() / 5);
        double first = rows.subList(0, fifth).stream().mapToDouble(MetricRow::value).average().orElseThrow();
        double last = rows.subList(rows.size() - fifth, rows.size()).stream().mapToDouble(MetricRow::value).average().orElseThrow();
        yield OptionalDouble.of(last - first);
      }
      case AUC -> {
        if (rows.size() == 1) {
          yield OptionalDouble.of(rows.get(0).value());
        }
        double area = 0;
        for (int i = 1; i < rows.size(); i++) {
          area += (rows.get(i).step() - rows.get(i - 1).step()) * (rows.get(i).value() + rows.get(i - 1).value()) / 2;
        }
        long span = rows.get(rows.size() - 1).step() - rows.get(0).step();
        yield OptionalDouble.of(span == 0 ? rows.get(0).value() : area / span);
      }
    };
  }
}
