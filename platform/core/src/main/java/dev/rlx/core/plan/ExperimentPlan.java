package dev.rlx.core.plan;

import dev.rlx.core.model.ExperimentSpec;
import dev.rlx.core.spec.YamlDocument;
import dev.rlx.sweeps.TrialSpec;
import java.util.List;

/**
 * A validated experiment and its trials, in plan order.
 *
 * @param document the parsed spec (its file name and text)
 * @param spec the spec as records
 * @param specHash SHA-256 of the spec's text (first 12 hex characters)
 * @param sweptPaths the paths varied by grid, zip and random search, in declaration order
 * @param trials every trial, each validated against its plugins' declarations
 */
public record ExperimentPlan(
    YamlDocument document, ExperimentSpec spec, String specHash, List<String> sweptPaths, List<TrialSpec> trials) {
  public ExperimentPlan {
    sweptPaths = List.copyOf(sweptPaths);
    trials = List.copyOf(trials);
  }

  /** The experiment's name. */
  public String name() {
    return spec.name();
  }

  /** Whether any trial belongs to a named variant. */
  public boolean hasVariants() {
    return trials.stream().anyMatch(t -> !t.variant().isEmpty());
  }
}
