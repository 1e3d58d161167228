package dev.rlx.core.exec;

import dev.rlx.core.store.MetricRow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** A trial's metrics until they are stored; the same key and step logged twice keeps the last. */
final class MetricBuffer {

  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_./-]{0,254}");

  private record Slot(String key, long step) {}

  private final Map<Slot, Integer> index = new HashMap<>();
  private final List<MetricRow> rows = new ArrayList<>();

  /** Checks a metric key: letters, digits, '_', '.', '/', '-'. */
  static void checkKey(String key) {
    if (key == null || !KEY.matcher(key).matches()) {
      throw new IllegalArgumentException("metric key must match " + KEY.pattern() + ", got: " + key);
    }
  }

  synchronized void add(MetricRow row) {
    Integer at = index.putIfAbsent(new Slot(row.key(), row.step()), rows.size());
    if (at == null) {
      rows.add(row);
    } else {
      rows.set(at, row);
    }
  }

  synchronized List<MetricRow> rows() {
    return List.copyOf(rows);
  }

  synchronized int size() {
    return rows.size();
  }
}
