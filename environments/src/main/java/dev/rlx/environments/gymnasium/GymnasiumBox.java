package dev.rlx.environments.gymnasium;

import dev.rlx.api.ContinuousActionVectorEnvironment;

/**
 * A Gymnasium environment with a Box action space, flattened to {@link #actionSize()}
 * components; actions beyond the bounds are clipped in Python (Gymnasium's {@code ClipAction}),
 * as {@link ContinuousActionVectorEnvironment} promises.
 */
final class GymnasiumBox extends GymnasiumCopies implements ContinuousActionVectorEnvironment {

  GymnasiumBox(Gymnasium bridge, Spaces spaces) {
    super(bridge, spaces);
  }

  @Override
  public int actionSize() {
    return spaces.actionSize();
  }

  @Override
  public float[] actionLow() {
    return spaces.low().clone();
  }

  @Override
  public float[] actionHigh() {
    return spaces.high().clone();
  }

  @Override
  public void step(float[] actions, Batch batch) {
    int a = spaces.actionSize();
    step(batch, (request, from, n) -> {
      for (int j = from * a; j < (from + n) * a; j++) {
        request.putFloat(actions[j]);
      }
    });
  }

  @Override
  public ContinuousActionVectorEnvironment copy() {
    return (ContinuousActionVectorEnvironment) bridge.newCopies();
  }
}
