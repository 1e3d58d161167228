package dev.rlx.core.exec;

import dev.rlx.core.store.MetricRow;
import dev.rlx.core.store.TrialStatus;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** How one attempt of a trial ended: COMPLETED with its metrics, or FAILED with why. */
public record TrialResult(
    TrialStatus status, String error, String trace, List<MetricRow> metrics, Map<String, Path> artifacts) {

  public static TrialResult completed(List<MetricRow> metrics, Map<String, Path> artifacts) {
    return new TrialResult(TrialStatus.COMPLETED, null, null, metrics, artifacts);
  }

  public static TrialResult failed(String error, String trace) {
    return new TrialResult(TrialStatus.FAILED, error, trace, List.of(), Map.of());
  }

  static String describe(Throwable t) {
    String message = t.getMessage();
    return t.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  static String trace(Throwable t) {
    java.io.StringWriter out = new java.io.StringWriter();
    t.printStackTrace(new java.io.PrintWriter(out));
    return out.toString();
  }
}
