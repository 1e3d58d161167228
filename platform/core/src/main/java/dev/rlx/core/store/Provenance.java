package dev.rlx.core.store;

/** What it takes to reproduce a sweep: versions, commit, host, and the command line. */
public record Provenance(String rlxVersion, String gitCommit, String host, String jvm, String commandLine) {}
