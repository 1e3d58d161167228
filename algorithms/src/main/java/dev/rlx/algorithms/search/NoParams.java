package dev.rlx.algorithms.search;

/** The parameter record of a player that has no parameters. */
public record NoParams() {}
