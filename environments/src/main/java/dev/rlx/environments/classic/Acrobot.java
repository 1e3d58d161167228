package dev.rlx.environments.classic;

import jakarta.inject.Inject;
import java.util.SplittableRandom;

/**
 * Acrobot-v1 exactly as Gymnasium defines it ({@code gymnasium/envs/classic_control/acrobot.py},
 * after Sutton 1996 and Sutton &amp; Barto's book): two links hanging from a fixed pivot, a torque
 * of −1, 0 or +1 (actions 0, 1, 2) on the joint between them, no torque noise. One step
 * integrates the "book" equations of motion over dt = 0.2 s with one fourth-order Runge–Kutta
 * step (Gymnasium's {@code rk4} called with {@code t = [0, dt]}), then wraps both angles into
 * [−π, π] and clips the angular velocities to ±4π and ±9π. Every step earns −1 except the one
 * that reaches the goal, which earns 0; it terminates when the free end is above the bar,
 * −cos θ1 − cos(θ1 + θ2) &gt; 1, and is truncated (not terminated) after
 * {@code max_episode_steps}. Observation (cos θ1, sin θ1, cos θ2, sin θ2, θ̇1, θ̇2); the four
 * state variables start uniform in ±0.1, rounded to float32 as Gymnasium's reset does
 * ({@code .astype(np.float32)}); from the first step on the state is float64, as there.
 * Vectorised: the state of every copy lives in flat arrays; a step allocates nothing.
 */
public final class Acrobot extends DiscreteActionCopies {

  static final double DT = 0.2;
  private static final double LINK_LENGTH_1 = 1.0;
  private static final double LINK_MASS_1 = 1.0;
  private static final double LINK_MASS_2 = 1.0;
  private static final double LINK_COM_POS_1 = 0.5; // position of the centre of mass of link 1
  private static final double LINK_COM_POS_2 = 0.5;
  private static final double LINK_MOI = 1.0; // moment of inertia of both links
  private static final double G = 9.8;
  static final double MAX_VEL_1 = 4 * Math.PI;
  static final double MAX_VEL_2 = 9 * Math.PI;
  private static final double[] AVAIL_TORQUE = {-1.0, 0.0, 1.0};

  // Runge–Kutta scratch, reused by every step: the stages k1..k4 and the point they are taken at.
  private final double[] k1 = new double[4];
  private final double[] k2 = new double[4];
  private final double[] k3 = new double[4];
  private final double[] k4 = new double[4];
  private final double[] at = new double[4];

  @Inject
  public Acrobot(AcrobotParams params) {
    super(4, 6, 3, params.maxEpisodeSteps(), () -> new Acrobot(params));
  }

  @Override
  void resetCopy(int i, SplittableRandom rng) {
    for (int k = 0; k < 4; k++) {
      state[4 * i + k] = (float) (-0.1 + 0.2 * rng.nextDouble());
    }
  }

  @Override
  public void step(int[] actions, Batch batch) {
    for (int i = 0; i < batch.size(); i++) {
      int o = 4 * i;
      double torque = AVAIL_TORQUE[actions[i]];
      rk4(o, torque);
      state[o] = wrap(state[o]);
      state[o + 1] = wrap(state[o + 1]);
      state[o + 2] = Math.min(Math.max(state[o + 2], -MAX_VEL_1), MAX_VEL_1);
      state[o + 3] = Math.min(Math.max(state[o + 3], -MAX_VEL_2), MAX_VEL_2);
      boolean terminated = -Math.cos(state[o]) - Math.cos(state[o + 1] + state[o]) > 1.0;
      endStep(i, terminated ? 0.0 : -1.0, terminated, batch);
    }
  }

  /**
   * One classical Runge–Kutta step of length dt from the state of the copy at offset o, in
   * place, in Gymnasium's order of operations: y + dt/6 (k1 + 2 k2 + 2 k3 + k4) with the stages
   * at y, y + dt/2 k1, y + dt/2 k2 and y + dt k3. The torque is held constant over the step.
   */
  private void rk4(int o, double torque) {
    double dt2 = DT / 2.0;
    derivative(state[o], state[o + 1], state[o + 2], state[o + 3], torque, k1);
    for (int k = 0; k < 4; k++) {
      at[k] = state[o + k] + dt2 * k1[k];
    }
    derivative(at[0], at[1], at[2], at[3], torque, k2);
    for (int k = 0; k < 4; k++) {
      at[k] = state[o + k] + dt2 * k2[k];
    }
    derivative(at[0], at[1], at[2], at[3], torque, k3);
    for (int k = 0; k < 4; k++) {
      at[k] = state[o + k] + DT * k3[k];
    }
    derivative(at[0], at[1], at[2], at[3], torque, k4);
    for (int k = 0; k < 4; k++) {
      state[o + k] = state[o + k] + DT / 6.0 * (k1[k] + 2 * k2[k] + 2 * k3[k] + k4[k]);
    }
  }

  /**
   * Gymnasium's {@code _dsdt} with {@code book_or_nips = "book"}: the equations of motion of
   * Sutton &amp; Barto's book, which include the m2 l1 lc2 θ̇1² sin θ2 term the NIPS paper
   * omits. Writes (θ̇1, θ̇2, θ̈1, θ̈2) into {@code out}.
   */
  private static void derivative(double theta1, double theta2, double dtheta1, double dtheta2, double a,
      double[] out) {
    double m1 = LINK_MASS_1;
    double m2 = LINK_MASS_2;
    double l1 = LINK_LENGTH_1;
    double lc1 = LINK_COM_POS_1;
    double lc2 = LINK_COM_POS_2;
    double i1 = LINK_MOI;
    double i2 = LINK_MOI;
    double cosTheta2 = Math.cos(theta2); // once each; Gymnasium evaluates them repeatedly, to the same values
    double sinTheta2 = Math.sin(theta2);
    double d1 = m1 * lc1 * lc1 + m2 * (l1 * l1 + lc2 * lc2 + 2 * l1 * lc2 * cosTheta2) + i1 + i2;
    double d2 = m2 * (lc2 * lc2 + l1 * lc2 * cosTheta2) + i2;
    double phi2 = m2 * lc2 * G * Math.cos(theta1 + theta2 - Math.PI / 2.0);
    double phi1 = -m2 * l1 * lc2 * (dtheta2 * dtheta2) * sinTheta2
        - 2 * m2 * l1 * lc2 * dtheta2 * dtheta1 * sinTheta2
        + (m1 * lc1 + m2 * l1) * G * Math.cos(theta1 - Math.PI / 2)
        + phi2;
    double ddtheta2 = (a + d2 / d1 * phi1 - m2 * l1 * lc2 * (dtheta1 * dtheta1) * sinTheta2 - phi2)
        / (m2 * lc2 * lc2 + i2 - d2 * d2 / d1);
    double ddtheta1 = -(d2 * ddtheta2 + phi1) / d1;
    out[0] = dtheta1;
    out[1] = dtheta2;
    out[2] = ddtheta1;
    out[3] = ddtheta2;
  }

  /** Gymnasium's {@code wrap(x, −π, π)}: adds or subtracts 2π until x lies in [−π, π]. */
  private static double wrap(double x) {
    double diff = Math.PI - -Math.PI;
    while (x > Math.PI) {
      x = x - diff;
    }
    while (x < -Math.PI) {
      x = x + diff;
    }
    return x;
  }

  @Override
  void write(int i, float[] out) {
    int o = 4 * i;
    int w = 6 * i;
    out[w] = (float) Math.cos(state[o]);
    out[w + 1] = (float) Math.sin(state[o]);
    out[w + 2] = (float) Math.cos(state[o + 1]);
    out[w + 3] = (float) Math.sin(state[o + 1]);
    out[w + 4] = (float) state[o + 2];
    out[w + 5] = (float) state[o + 3];
  }
}
