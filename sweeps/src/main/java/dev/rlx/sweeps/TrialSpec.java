package dev.rlx.sweeps;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * One trial of a sweep, immutable by convention (its config is never mutated after expansion).
 *
 * @param index position in the plan, from 0
 * @param id content hash of the canonical resolved config: same config, same id, always
 * @param variant the variant's name, or "" when the sweep has none
 * @param assignments what the sweep set for this trial, in operator order
 * @param seed the trial's seed
 * @param config the resolved config (environment, algorithm, budget, evaluation, seed)
 */
public record TrialSpec(
    int index, String id, String variant, List<Assignment> assignments, long seed, ObjectNode config) {
  public TrialSpec {
    assignments = List.copyOf(assignments);
  }
}
