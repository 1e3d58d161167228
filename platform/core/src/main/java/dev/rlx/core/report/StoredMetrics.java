package dev.rlx.core.report;

import dev.rlx.core.store.MetricRow;
import dev.rlx.core.store.ResultsStore;
import dev.rlx.core.store.StoredTrial;
import dev.rlx.core.store.TrialStatus;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The results of an experiment's COMPLETED trials, read from the results store. */
public final class StoredMetrics implements TrialMetrics {

  private final ResultsStore store;
  private final Map<String, StoredTrial> completed = new HashMap<>();
  private final String experiment;
  /** key → trial pk → rows in step order, read with one query per key on first use. */
  private final Map<String, Map<Long, List<MetricRow>>> rowsByKey = new HashMap<>();

  public StoredMetrics(ResultsStore store, String experiment) {
    this.store = store;
    this.experiment = experiment;
    for (StoredTrial t : store.trials().of(experiment)) {
      if (t.status() == TrialStatus.COMPLETED) {
        completed.put(t.trialId(), t);
      }
    }
  }

  @Override
  public Optional<List<MetricRow>> rows(String trialId, String key) {
    StoredTrial trial = completed.get(trialId);
    if (trial == null) {
      return Optional.empty();
    }
    Map<Long, List<MetricRow>> byTrial = rowsByKey.computeIfAbsent(key, k -> store.metrics().ofKey(experiment, k));
    return Optional.of(byTrial.getOrDefault(trial.pk(), List.of()));
  }
}
