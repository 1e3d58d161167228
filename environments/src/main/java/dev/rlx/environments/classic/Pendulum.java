package dev.rlx.environments.classic;

import dev.rlx.api.BatchedEnvironment.Batch;
import jakarta.inject.Inject;
import java.util.SplittableRandom;

/**
 * Pendulum-v1 exactly as Gymnasium defines it ({@code gymnasium/envs/classic_control/pendulum.py}):
 * swing a pendulum (m = 1, l = 1, gravity {@code g}) up and hold it upright with a torque
 * u ∈ [−2, 2] (clipped there). Semi-implicit Euler with dt = 0.05:
 * θ̇ ← clip(θ̇ + (3g/(2l) sin θ + 3/(m l²) u)·dt, ±8), θ ← θ + θ̇·dt (θ itself is never wrapped).
 * Reward −(norm(θ)² + 0.1 θ̇² + 0.001 u²) of the state <em>before</em> the step, with the
 * clipped u and norm(θ) = ((θ + π) mod 2π) − π; it never terminates and is truncated after
 * {@code max_episode_steps}. Observation (cos θ, sin θ, θ̇) as float32 of a float64 state;
 * θ starts uniform in [−π, π], θ̇ in [−1, 1].
 */
public final class Pendulum extends ContinuousActionCopies {

  static final double MAX_SPEED = 8;
  static final double MAX_TORQUE = 2.0;
  static final double DT = 0.05;
  private static final double M = 1.0;
  private static final double L = 1.0;

  private final PendulumParams params;

  @Inject
  public Pendulum(PendulumParams params) {
    super(2, 3, new float[] {(float) -MAX_TORQUE}, new float[] {(float) MAX_TORQUE}, params.maxEpisodeSteps(),
        () -> new Pendulum(params));
    this.params = params;
  }

  @Override
  void resetCopy(int i, SplittableRandom rng) {
    state[2 * i] = -Math.PI + 2 * Math.PI * rng.nextDouble();
    state[2 * i + 1] = -1.0 + 2.0 * rng.nextDouble();
  }

  @Override
  public void step(float[] actions, Batch batch) {
    double g = params.g();
    for (int i = 0; i < batch.size(); i++) {
      double th = state[2 * i];
      double thdot = state[2 * i + 1];
      double u = Math.min(Math.max(actions[i], -MAX_TORQUE), MAX_TORQUE);
      double normalized = angleNormalize(th);
      double costs = normalized * normalized + 0.1 * (thdot * thdot) + 0.001 * (u * u);
      double newthdot = thdot + (3 * g / (2 * L) * Math.sin(th) + 3.0 / (M * (L * L)) * u) * DT;
      newthdot = Math.min(Math.max(newthdot, -MAX_SPEED), MAX_SPEED);
      double newth = th + newthdot * DT;
      state[2 * i] = newth;
      state[2 * i + 1] = newthdot;
      endStep(i, -costs, false, batch); // Pendulum never terminates: only truncated
    }
  }

  /** Gymnasium's {@code angle_normalize}: ((x + π) mod 2π) − π with Python's floored modulo. */
  static double angleNormalize(double x) {
    double twoPi = 2 * Math.PI;
    double r = (x + Math.PI) % twoPi;
    if (r < 0) {
      r += twoPi;
    }
    return r - Math.PI;
  }

  @Override
  void write(int i, float[] out) {
    out[3 * i] = (float) Math.cos(state[2 * i]);
    out[3 * i + 1] = (float) Math.sin(state[2 * i]);
    out[3 * i + 2] = (float) state[2 * i + 1];
  }
}
