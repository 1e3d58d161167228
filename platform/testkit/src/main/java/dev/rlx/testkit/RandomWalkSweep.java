package dev.rlx.testkit;

/**
 * The small random-walk TD(λ) sweep that the store, sweep and MLflow tests run: five states,
 * reward 1 at the right end, a λ grid over a few seeds; quick enough to run many times.
 */
public final class RandomWalkSweep {

  private RandomWalkSweep() {}

  /** The spec named {@code walk}: {@code episodes} per trial, each λ of {@code lambdas} (a YAML list) with {@code seeds} seeds. */
  public static String yaml(int episodes, String lambdas, int seeds) {
    return """
        name: walk
        environment: {id: random-walk, params: {n_states: 5, left_reward: 0.0, right_reward: 1.0}}
        algorithm: {id: td-lambda, params: {alpha: 0.1}}
        budget: {episodes: %d}
        sweep:
          grid: {algorithm.params.lambda: %s}
          seeds: %d
        """.formatted(episodes, lambdas, seeds);
  }
}
