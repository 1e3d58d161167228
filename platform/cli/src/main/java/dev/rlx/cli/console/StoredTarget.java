package dev.rlx.cli.console;

import dev.rlx.core.store.ResultsStore;
import dev.rlx.core.store.StoredTrial;
import dev.rlx.core.store.SweepRecord;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;

/** What `rlx status|runs|export EXPERIMENT|SWEEP` names: an experiment, possibly through one of its sweeps. */
public record StoredTarget(String experiment, Optional<SweepRecord> sweep, List<StoredTrial> trials) {

  /** Resolves {@code target} (a name, or a sweep id), or explains on {@code err} why it names nothing. */
  public static Optional<StoredTarget> resolve(ResultsStore results, String target, PrintWriter err) {
    Optional<SweepRecord> sweep = Optional.empty();
    String experiment = target;
    if (target.matches("\\d+")) {
      sweep = results.sweeps().find(Long.parseLong(target));
      if (sweep.isEmpty()) {
        err.println("rlx: no sweep " + target + " in " + results.url());
        return Optional.empty();
      }
      experiment = sweep.get().experiment();
    }
    List<StoredTrial> trials = results.trials().of(experiment);
    if (trials.isEmpty()) {
      err.println("rlx: no trials of '" + experiment + "' in " + results.url() + " (`rlx status` lists the sweeps)");
      return Optional.empty();
    }
    return Optional.of(new StoredTarget(experiment, sweep, trials));
  }
}
