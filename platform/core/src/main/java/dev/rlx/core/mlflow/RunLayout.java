package dev.rlx.core.mlflow;

import dev.rlx.core.model.ExperimentSpec;
import java.util.Locale;

/**
 * Which MLflow runs a sweep gets below its parent run ({@code tracking.mlflow.runs}): a run per
 * trial, a run per group (a configuration: its trials differ only in their seed) with the
 * metrics' mean, standard deviation and 95% CI over the seeds, or both, trials nested under
 * their group. {@code auto} is both up to {@value #AUTO_TRIAL_RUNS} trials and groups above: a
 * real MLflow server takes about 30 trial runs a second (scripts/bench/mlflow.sh), and a UI
 * table of thousands of runs is not one a person reads.
 */
enum RunLayout {
  TRIALS(true, false),
  GROUPS(false, true),
  BOTH(true, true);

  static final int AUTO_TRIAL_RUNS = 500;

  final boolean trialRuns;
  final boolean groupRuns;

  RunLayout(boolean trialRuns, boolean groupRuns) {
    this.trialRuns = trialRuns;
    this.groupRuns = groupRuns;
  }

  /** The layout {@code spec} asks for, for a sweep of {@code trials} trials. */
  static RunLayout of(ExperimentSpec spec, int trials) {
    String written = spec.tracking().mlflowRuns();
    return written.equals("auto") ? (trials <= AUTO_TRIAL_RUNS ? BOTH : GROUPS) : valueOf(written.toUpperCase(Locale.ROOT));
  }

  /** The layout recorded for a sweep ({@code null}: recorded before group runs existed, so a run per trial). */
  static RunLayout recorded(String name) {
    return name == null ? TRIALS : valueOf(name);
  }
}
