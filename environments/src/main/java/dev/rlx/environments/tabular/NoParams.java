package dev.rlx.environments.tabular;

/** The parameter record of an environment that has no parameters. */
public record NoParams() {}
