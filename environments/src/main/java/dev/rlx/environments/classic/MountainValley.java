package dev.rlx.environments.classic;

import java.util.SplittableRandom;

/**
 * What Gymnasium's two mountain cars share ({@code mountain_car.py} and
 * {@code continuous_mountain_car.py}): the valley's bounds, the start, and the move once the
 * push and gravity have changed the velocity. A copy's state is (x, v) at {@code state[2i …]}.
 */
final class MountainValley {

  static final double MIN_POSITION = -1.2;
  static final double MAX_POSITION = 0.6;
  static final double MAX_SPEED = 0.07;

  private MountainValley() {}

  /** x uniform in [−0.6, −0.4], v = 0. */
  static void start(double[] state, int i, SplittableRandom rng) {
    state[2 * i] = -0.6 + 0.2 * rng.nextDouble();
    state[2 * i + 1] = 0;
  }

  /**
   * v ← clip(v, ±0.07), then x ← clip(x + v, −1.2, 0.6), and the left wall stops the car
   * (v ← 0 where x = −1.2 and v &lt; 0); stores the new (x, v) in float64.
   */
  static void move(double[] state, int i, double velocity) {
    velocity = Math.min(Math.max(velocity, -MAX_SPEED), MAX_SPEED);
    double position = state[2 * i] + velocity;
    position = Math.min(Math.max(position, MIN_POSITION), MAX_POSITION);
    if (position == MIN_POSITION && velocity < 0) {
      velocity = 0; // the left wall: an inelastic collision
    }
    state[2 * i] = position;
    state[2 * i + 1] = velocity;
  }

  /** The observation (x, v) as float32. */
  static void write(double[] state, int i, float[] out) {
    out[2 * i] = (float) state[2 * i];
    out[2 * i + 1] = (float) state[2 * i + 1];
  }
}
