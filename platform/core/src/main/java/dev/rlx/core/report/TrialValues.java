package dev.rlx.core.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.rlx.sweeps.TrialSpec;

/** What a trial has at a swept path (or its variant's name). */
final class TrialValues {

  /** The pseudo-path naming a trial's variant. */
  static final String VARIANT = "variant";

  private TrialValues() {}

  static JsonNode at(TrialSpec trial, String path) {
    if (path.equals(VARIANT)) {
      return TextNode.valueOf(trial.variant());
    }
    JsonNode node = trial.config();
    for (String part : path.split("\\.")) {
      node = node.path(part);
    }
    return node;
  }
}
