package dev.rlx.core.report.claims;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * What a claim is judged on: one group's label, its value of {@code by}, and the mean of its
 * per-seed summaries.
 */
public record GroupMean(String label, JsonNode value, double mean) {

  /** Whether this group is the one a claim names by {@code named} (numbers compare by value). */
  public boolean isNamed(JsonNode named) {
    return value.equals(named) || (value.isNumber() && named.isNumber() && value.asDouble() == named.asDouble())
        || value.asText().equals(named.asText());
  }

  /** The first group {@code named} names. */
  static Optional<GroupMean> find(List<GroupMean> groups, JsonNode named) {
    return groups.stream().filter(g -> g.isNamed(named)).findFirst();
  }
}
