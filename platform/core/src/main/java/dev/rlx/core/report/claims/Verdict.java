package dev.rlx.core.report.claims;

/**
 * A claim's outcome on its groups.
 *
 * @param passed whether the claim holds
 * @param stated the claim in words
 * @param found what the groups showed
 */
public record Verdict(boolean passed, String stated, String found) {}
