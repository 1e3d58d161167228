package dev.rlx.environments.classic;

import dev.rlx.api.BatchedEnvironment.Batch;
import jakarta.inject.Inject;
import java.util.SplittableRandom;

/**
 * MountainCarContinuous-v0 exactly as Gymnasium defines it
 * ({@code gymnasium/envs/classic_control/continuous_mountain_car.py}): the car of
 * {@link MountainCarV0} driven by a force a ∈ [−1, 1] (clipped there) with power 0.0015:
 * v ← clip(v + a·0.0015 − 0.0025·cos 3x, ±0.07), x ← clip(x + v, −1.2, 0.6), and the left
 * wall stops the car. Reward −0.1·a² per step, plus 100 on the step that reaches the goal;
 * note that Gymnasium squares the action <em>as given</em>, before clipping, and so does this
 * class. It terminates when x ≥ 0.45 and v ≥ {@code goal_velocity}, and is truncated (not
 * terminated) after {@code max_episode_steps}. x starts uniform in [−0.6, −0.4], v at 0.
 *
 * <p>Precision as in Gymnasium: the step's arithmetic is float64 but the state is stored as
 * float32 after every step ({@code self.state = np.array([position, velocity], dtype=np.float32)}),
 * while the state drawn at reset stays float64 until the first step.
 * (NumPy ≥ 2 rounds some intermediate products to float32 when the action array is float32;
 * that differs from this class by at most an ulp of float32 per step.)
 */
public final class MountainCarContinuous extends ContinuousActionCopies {

  static final double GOAL_POSITION = 0.45; // 0.5 in MountainCar-v0
  private static final double MIN_ACTION = -1.0;
  private static final double MAX_ACTION = 1.0;
  private static final double POWER = 0.0015;

  private final MountainCarContinuousParams params;

  @Inject
  public MountainCarContinuous(MountainCarContinuousParams params) {
    super(2, 2, new float[] {(float) MIN_ACTION}, new float[] {(float) MAX_ACTION}, params.maxEpisodeSteps(),
        () -> new MountainCarContinuous(params));
    this.params = params;
  }

  @Override
  void resetCopy(int i, SplittableRandom rng) {
    MountainValley.start(state, i, rng);
  }

  @Override
  public void step(float[] actions, Batch batch) {
    for (int i = 0; i < batch.size(); i++) {
      double position = state[2 * i];
      double action = actions[i];
      double force = Math.min(Math.max(action, MIN_ACTION), MAX_ACTION);
      MountainValley.move(state, i, state[2 * i + 1] + (force * POWER - 0.0025 * Math.cos(3 * position)));
      boolean terminated = state[2 * i] >= GOAL_POSITION && state[2 * i + 1] >= params.goalVelocity();
      double reward = terminated ? 100.0 : 0.0;
      reward -= action * action * 0.1;
      state[2 * i] = (float) state[2 * i]; // Gymnasium stores the state as float32 after each step
      state[2 * i + 1] = (float) state[2 * i + 1];
      endStep(i, reward, terminated, batch);
    }
  }

  @Override
  void write(int i, float[] out) {
    MountainValley.write(state, i, out);
  }
}
