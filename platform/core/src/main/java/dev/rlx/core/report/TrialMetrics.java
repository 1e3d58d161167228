package dev.rlx.core.report;

import dev.rlx.core.store.MetricRow;
import java.util.List;
import java.util.Optional;

/** Where the checks read results from: one metric's rows of one trial, if it completed. */
@FunctionalInterface
public interface TrialMetrics {

  /** The rows of {@code key} logged by trial {@code trialId}, by step; empty if the trial has not completed. */
  Optional<List<MetricRow>> rows(String trialId, String key);
}
