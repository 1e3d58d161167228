package dev.rlx.core.store;

import java.time.Instant;

/** A trial as the store holds it. */
public record StoredTrial(
    long pk,
    String experiment,
    String trialId,
    long sweepId,
    int index,
    String variant,
    long seed,
    String sweptJson,
    String configJson,
    TrialStatus status,
    int attempts,
    String device,
    String runDir,
    Instant startedAt,
    Instant finishedAt,
    Long durationMs,
    String error) {}
