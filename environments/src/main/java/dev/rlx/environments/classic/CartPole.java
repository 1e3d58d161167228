package dev.rlx.environments.classic;

import jakarta.inject.Inject;
import java.util.SplittableRandom;

/**
 * CartPole-v1 exactly as Gymnasium defines it (Barto, Sutton &amp; Anderson 1983): a pole on a
 * cart pushed left (action 0) or right (action 1) with a force of 10 N, Euler integration
 * with τ = 0.02 s. Every step earns +1, including the one that ends the episode; it
 * terminates when |x| &gt; 2.4 or |θ| &gt; 12°, and is truncated (not terminated) after
 * {@code max_episode_steps}. Observation (x, ẋ, θ, θ̇), each started uniform in ±0.05.
 * Vectorised: the state of every copy lives in flat arrays; a step allocates nothing.
 */
public final class CartPole extends DiscreteActionCopies {

  private static final double GRAVITY = 9.8;
  private static final double MASS_CART = 1.0;
  private static final double MASS_POLE = 0.1;
  private static final double TOTAL_MASS = MASS_CART + MASS_POLE;
  private static final double LENGTH = 0.5; // half the pole's length
  private static final double POLE_MASS_LENGTH = MASS_POLE * LENGTH;
  private static final double FORCE_MAG = 10.0;
  private static final double TAU = 0.02;
  static final double THETA_THRESHOLD = 12 * 2 * Math.PI / 360;
  static final double X_THRESHOLD = 2.4;

  @Inject
  public CartPole(CartPoleParams params) {
    super(4, 4, 2, params.maxEpisodeSteps(), () -> new CartPole(params));
  }

  @Override
  void resetCopy(int i, SplittableRandom rng) {
    for (int k = 0; k < 4; k++) {
      state[4 * i + k] = -0.05 + 0.1 * rng.nextDouble();
    }
  }

  @Override
  public void step(int[] actions, Batch batch) {
    for (int i = 0; i < batch.size(); i++) {
      int o = 4 * i;
      double x = state[o];
      double xDot = state[o + 1];
      double theta = state[o + 2];
      double thetaDot = state[o + 3];
      double force = actions[i] == 1 ? FORCE_MAG : -FORCE_MAG;
      double cos = Math.cos(theta);
      double sin = Math.sin(theta);
      double temp = (force + POLE_MASS_LENGTH * thetaDot * thetaDot * sin) / TOTAL_MASS;
      double thetaAcc = (GRAVITY * sin - cos * temp) / (LENGTH * (4.0 / 3.0 - MASS_POLE * cos * cos / TOTAL_MASS));
      double xAcc = temp - POLE_MASS_LENGTH * thetaAcc * cos / TOTAL_MASS;
      // Gymnasium's default "euler" integrator: positions use the old velocities.
      x += TAU * xDot;
      xDot += TAU * xAcc;
      theta += TAU * thetaDot;
      thetaDot += TAU * thetaAcc;
      state[o] = x;
      state[o + 1] = xDot;
      state[o + 2] = theta;
      state[o + 3] = thetaDot;
      endStep(i, 1.0, x < -X_THRESHOLD || x > X_THRESHOLD || theta < -THETA_THRESHOLD || theta > THETA_THRESHOLD, batch);
    }
  }

  @Override
  void write(int i, float[] out) {
    for (int k = 0; k < 4; k++) {
      out[4 * i + k] = (float) state[4 * i + k];
    }
  }
}
