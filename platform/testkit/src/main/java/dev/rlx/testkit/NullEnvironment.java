package dev.rlx.testkit;

import dev.rlx.api.Environment;

/** An environment with nothing in it, for the scripted algorithm. */
public final class NullEnvironment implements Environment {

  @jakarta.inject.Inject
  public NullEnvironment(NoParams params) {}

  /** No parameters. */
  public record NoParams() {}
}
