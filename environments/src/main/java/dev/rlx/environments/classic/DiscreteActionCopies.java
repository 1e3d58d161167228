package dev.rlx.environments.classic;

import dev.rlx.api.VectorEnvironment;
import java.util.function.Supplier;

/** Vectorised classic-control copies with actions 0 … n − 1 (CartPole, Acrobot, MountainCar-v0). */
abstract class DiscreteActionCopies extends ClassicControlCopies implements VectorEnvironment {

  private final int actionCount;
  private final Supplier<VectorEnvironment> fresh;

  /** @param fresh a new environment of the same parameters, for {@link #copy()} */
  DiscreteActionCopies(int width, int observationSize, int actionCount, int maxEpisodeSteps, Supplier<VectorEnvironment> fresh) {
    super(width, observationSize, maxEpisodeSteps);
    this.actionCount = actionCount;
    this.fresh = fresh;
  }

  @Override
  public final int actionCount() {
    return actionCount;
  }

  @Override
  public final VectorEnvironment copy() {
    return fresh.get();
  }
}
