package dev.rlx.sweeps;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A value written in a sweep, with an opaque {@code origin} the caller uses to point back at
 * where it was written (the sweeps library does no I/O and knows nothing of files).
 */
public record SweepValue(JsonNode value, Object origin) {}
