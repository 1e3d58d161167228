package dev.rlx.core.store;

import java.time.Instant;

/** A sweep as the store holds it. */
public record SweepRecord(
    long id, String experiment, String status, int trialsTotal, Instant startedAt, Instant finishedAt,
    String rlxVersion, String gitCommit, String host) {}
