package dev.rlx.sweeps;

import java.util.List;

/** One swept dotted path and the values it takes, in order (a grid axis or a zip list). */
public record Axis(String path, Object origin, List<SweepValue> values) {
  public Axis {
    values = List.copyOf(values);
  }
}
