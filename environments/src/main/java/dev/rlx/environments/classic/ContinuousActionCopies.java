package dev.rlx.environments.classic;

import dev.rlx.api.ContinuousActionVectorEnvironment;
import java.util.function.Supplier;

/** Vectorised classic-control copies with an action box [low, high] (MountainCarContinuous, Pendulum). */
abstract class ContinuousActionCopies extends ClassicControlCopies implements ContinuousActionVectorEnvironment {

  private final float[] low;
  private final float[] high;
  private final Supplier<ContinuousActionVectorEnvironment> fresh;

  /** @param fresh a new environment of the same parameters, for {@link #copy()} */
  ContinuousActionCopies(int width, int observationSize, float[] low, float[] high, int maxEpisodeSteps,
      Supplier<ContinuousActionVectorEnvironment> fresh) {
    super(width, observationSize, maxEpisodeSteps);
    this.low = low;
    this.high = high;
    this.fresh = fresh;
  }

  @Override
  public final int actionSize() {
    return low.length;
  }

  @Override
  public final float[] actionLow() {
    return low.clone();
  }

  @Override
  public final float[] actionHigh() {
    return high.clone();
  }

  @Override
  public final ContinuousActionVectorEnvironment copy() {
    return fresh.get();
  }
}
