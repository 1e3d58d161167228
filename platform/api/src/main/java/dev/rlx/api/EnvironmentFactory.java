package dev.rlx.api;

/**
 * An environment plugin whose interface is known only once it runs: a Gymnasium environment is
 * discrete or continuous depending on the action space its Python side reports. The platform
 * builds the factory per trial (its parameters and {@link EnvironmentName} injected), calls
 * {@link #open()} once, checks the result against what the algorithm needs, and closes the
 * factory when the trial ends, whatever happened — so every process it started is gone.
 */
public interface EnvironmentFactory extends AutoCloseable {

  /** Starts the environment; fails with a message a user can act on (what to install, what broke). */
  Environment open() throws Exception;

  /** What {@link #open()} made, in words for an error ("Box(6) actions, 17 observations"). */
  String describeOpened();

  /** Releases everything {@link #open()} and the environment's copies started. Idempotent. */
  @Override
  void close();
}
