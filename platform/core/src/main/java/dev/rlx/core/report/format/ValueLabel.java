package dev.rlx.core.report.format;

import com.fasterxml.jackson.databind.JsonNode;

/** A swept or named value as reports label it: scalars as their text, anything else as JSON. */
public final class ValueLabel {

  private ValueLabel() {}

  public static String of(JsonNode value) {
    return value.isValueNode() ? value.asText() : value.toString();
  }
}
