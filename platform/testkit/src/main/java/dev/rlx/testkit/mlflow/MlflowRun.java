package dev.rlx.testkit.mlflow;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A run as the {@code MlflowTestServer} holds it. */
public final class MlflowRun {
  public final String runId;
  public final String experimentId;
  public String runName;
  public String status = "RUNNING";
  public final long startTime;
  public long endTime;
  public final Map<String, String> params = new LinkedHashMap<>();
  public final Map<String, String> tags = new LinkedHashMap<>();
  /** Every metric point logged, per key, in the order received. */
  public final Map<String, List<MetricPoint>> metrics = new LinkedHashMap<>();
  /** The points stored, compared as the SQL store's primary key does (see {@code TrackingStore}). */
  final Set<MetricPoint> seen = new HashSet<>();

  MlflowRun(String runId, String experimentId, String runName, long startTime) {
    this.runId = runId;
    this.experimentId = experimentId;
    this.runName = runName;
    this.startTime = startTime;
  }

  public long metricCount() {
    return metrics.values().stream().mapToLong(List::size).sum();
  }
}
