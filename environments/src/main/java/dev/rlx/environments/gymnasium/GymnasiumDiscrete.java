package dev.rlx.environments.gymnasium;

import dev.rlx.api.VectorEnvironment;

/** A Gymnasium environment with Discrete(n) actions: action a is sent as {@code a} (the space's start added in Python). */
final class GymnasiumDiscrete extends GymnasiumCopies implements VectorEnvironment {

  GymnasiumDiscrete(Gymnasium bridge, Spaces spaces) {
    super(bridge, spaces);
  }

  @Override
  public int actionCount() {
    return spaces.actionCount();
  }

  @Override
  public void step(int[] actions, Batch batch) {
    step(batch, (request, from, n) -> {
      for (int j = 0; j < n; j++) {
        request.putInt(actions[from + j]);
      }
    });
  }

  @Override
  public VectorEnvironment copy() {
    return (VectorEnvironment) bridge.newCopies();
  }
}
