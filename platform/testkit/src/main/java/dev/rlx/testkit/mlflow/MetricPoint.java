package dev.rlx.testkit.mlflow;

/** A metric point as logged to an {@code MlflowRun}. */
public record MetricPoint(String key, double value, long timestamp, long step) {}
