package dev.rlx.sweeps;

import com.fasterxml.jackson.databind.JsonNode;

/** A dotted path set by a sweep operator for one trial, with where the value came from. */
public record Assignment(String path, JsonNode value, Operator operator, Object origin) {

  /** Which part of the sweep set a value. */
  public enum Operator {
    VARIANT,
    GRID,
    ZIP,
    RANDOM
  }
}
