package dev.rlx.environments.classic;

import dev.rlx.api.ContinuousStateEnvironment;
import jakarta.inject.Inject;
import java.util.SplittableRandom;

/**
 * Mountain Car (Sutton &amp; Barto Example 10.1; Moore 1990): an underpowered car in a valley
 * must rock back and forth to reach the goal at the top of the right hill.
 *
 * <pre>
 *   ẋ_{t+1} = bound[ẋ_t + 0.001 A_t − 0.0025 cos(3 x_t)]     −0.07 ≤ ẋ ≤ 0.07
 *   x_{t+1} = bound[x_t + ẋ_{t+1}]                            −1.2 ≤ x ≤ 0.5
 * </pre>
 *
 * Actions 0, 1, 2 are full throttle reverse, zero throttle and full throttle forward
 * (A = −1, 0, +1). Every step earns −1; reaching x = 0.5 ends the episode. At the left bound
 * the velocity is reset to zero. Episodes start at x uniform in [−0.6, −0.4), ẋ = 0.
 * State = (x, ẋ).
 */
public final class MountainCar implements ContinuousStateEnvironment {

  static final double MIN_POSITION = -1.2;
  static final double MAX_POSITION = 0.5;
  static final double MAX_SPEED = 0.07;

  private final int maxEpisodeSteps;
  private SplittableRandom rng = new SplittableRandom(0);
  private double position;
  private double velocity;
  private int elapsed;

  @Inject
  public MountainCar(MountainCarParams params) {
    this.maxEpisodeSteps = params.maxEpisodeSteps();
  }

  @Override
  public int stateDimension() {
    return 2;
  }

  @Override
  public double[] stateLow() {
    return new double[] {MIN_POSITION, -MAX_SPEED};
  }

  @Override
  public double[] stateHigh() {
    return new double[] {MAX_POSITION, MAX_SPEED};
  }

  @Override
  public int actionCount() {
    return 3;
  }

  @Override
  public double[] reset(long seed) {
    rng = new SplittableRandom(seed);
    return reset();
  }

  @Override
  public double[] reset() {
    position = -0.6 + 0.2 * rng.nextDouble();
    velocity = 0;
    elapsed = 0;
    return new double[] {position, velocity};
  }

  @Override
  public Step step(int action) {
    if (action < 0 || action > 2) {
      throw new IllegalArgumentException("mountain-car: action must be 0, 1 or 2, got " + action);
    }
    velocity = clamp(velocity + 0.001 * (action - 1) - 0.0025 * Math.cos(3 * position), -MAX_SPEED, MAX_SPEED);
    position = clamp(position + velocity, MIN_POSITION, MAX_POSITION);
    if (position == MIN_POSITION) {
      velocity = 0; // the car hits the left wall inelastically
    }
    elapsed++;
    boolean terminated = position >= MAX_POSITION;
    boolean truncated = !terminated && maxEpisodeSteps > 0 && elapsed >= maxEpisodeSteps;
    return new Step(new double[] {position, velocity}, -1.0, terminated, truncated);
  }

  private static double clamp(double v, double lo, double hi) {
    return Math.max(lo, Math.min(hi, v));
  }
}
