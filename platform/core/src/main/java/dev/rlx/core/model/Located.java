package dev.rlx.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rlx.core.spec.Origin;

/**
 * A value written in the spec that names a swept value (a group of a claim, a filter's value),
 * kept as JSON so that it compares with the sweep's values as they were written, and where it
 * was written.
 */
public record Located(JsonNode value, Origin at) {}
