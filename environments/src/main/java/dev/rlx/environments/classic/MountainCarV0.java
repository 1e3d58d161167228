package dev.rlx.environments.classic;

import jakarta.inject.Inject;
import java.util.SplittableRandom;

/**
 * MountainCar-v0 exactly as Gymnasium defines it ({@code gymnasium/envs/classic_control/mountain_car.py},
 * after Moore 1990): an underpowered car in a valley pushes left, not at all, or right
 * (actions 0, 1, 2). One step: v ← clip(v + (a − 1)·0.001 − 0.0025·cos 3x, ±0.07), then
 * x ← clip(x + v, −1.2, 0.6), and the left wall stops the car (v ← 0 where x = −1.2 and
 * v &lt; 0). Every step earns −1; it terminates when x ≥ 0.5 and v ≥ {@code goal_velocity}, and
 * is truncated (not terminated) after {@code max_episode_steps}. Observation (x, v) as float32
 * of a float64 state; x starts uniform in [−0.6, −0.4], v at 0.
 *
 * <p>Not the Sutton &amp; Barto {@link MountainCar} (a {@code ContinuousStateEnvironment} with
 * its own bounds and reset rule); this one is for deep RL, vectorised like {@link CartPole}.
 */
public final class MountainCarV0 extends DiscreteActionCopies {

  static final double GOAL_POSITION = 0.5;
  private static final double FORCE = 0.001;
  private static final double GRAVITY = 0.0025;

  private final MountainCarV0Params params;

  @Inject
  public MountainCarV0(MountainCarV0Params params) {
    super(2, 2, 3, params.maxEpisodeSteps(), () -> new MountainCarV0(params));
    this.params = params;
  }

  @Override
  void resetCopy(int i, SplittableRandom rng) {
    MountainValley.start(state, i, rng);
  }

  @Override
  public void step(int[] actions, Batch batch) {
    for (int i = 0; i < batch.size(); i++) {
      double position = state[2 * i];
      double velocity = state[2 * i + 1] + ((actions[i] - 1) * FORCE + Math.cos(3 * position) * (-GRAVITY));
      MountainValley.move(state, i, velocity);
      endStep(i, -1.0, state[2 * i] >= GOAL_POSITION && state[2 * i + 1] >= params.goalVelocity(), batch);
    }
  }

  @Override
  void write(int i, float[] out) {
    MountainValley.write(state, i, out);
  }
}
