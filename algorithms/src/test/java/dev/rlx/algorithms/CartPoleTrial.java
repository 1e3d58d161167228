package dev.rlx.algorithms;

import dev.rlx.api.Algorithm;
import dev.rlx.environments.classic.CartPole;
import dev.rlx.environments.classic.CartPoleParams;
import java.util.function.BiFunction;

/** A deep algorithm trained on CartPole-v1 (episodes capped at 500 steps), its metrics recorded, for the tests. */
public final class CartPoleTrial {

  private CartPoleTrial() {}

  /** Trains {@code algorithm} (built on the environment and the context) for {@code envSteps} with {@code seed}. */
  public static RecordingContext train(long seed, long envSteps,
      BiFunction<CartPole, RecordingContext, Algorithm> algorithm) {
    return RecordingContext.train(seed, envSteps, new CartPole(new CartPoleParams(500)), algorithm);
  }
}
