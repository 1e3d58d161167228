package dev.rlx.core.store;

/** One metric value: key, step, value, and seconds since the trial started. */
public record MetricRow(String key, long step, double value, double wallTime) {}
