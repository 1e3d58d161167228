// Environment steps per second with a uniformly random policy, single thread, after warm-up.
// Run by scripts/bench/tabular.sh: java -cp <rlx classpath> EnvSteps.java
import dev.rlx.api.ContinuousActionVectorEnvironment;
import dev.rlx.api.ContinuousStateEnvironment;
import dev.rlx.api.TabularEnvironment;
import dev.rlx.api.VectorEnvironment;
import dev.rlx.environments.classic.Acrobot;
import dev.rlx.environments.classic.AcrobotParams;
import dev.rlx.environments.classic.CartPole;
import dev.rlx.environments.classic.CartPoleParams;
import dev.rlx.environments.classic.MountainCar;
import dev.rlx.environments.classic.MountainCarContinuous;
import dev.rlx.environments.classic.MountainCarContinuousParams;
import dev.rlx.environments.classic.MountainCarParams;
import dev.rlx.environments.classic.MountainCarV0;
import dev.rlx.environments.classic.MountainCarV0Params;
import dev.rlx.environments.classic.Pendulum;
import dev.rlx.environments.classic.PendulumParams;
import dev.rlx.environments.tabular.CliffWalking;
import dev.rlx.environments.tabular.DynaMaze;
import dev.rlx.environments.tabular.DynaMazeParams;
import dev.rlx.environments.tabular.GridWorld;
import dev.rlx.environments.tabular.GridWorldParams;
import dev.rlx.environments.tabular.NoParams;
import dev.rlx.environments.tabular.RandomWalk;
import dev.rlx.environments.tabular.RandomWalkParams;
import java.util.SplittableRandom;

public class EnvSteps {
  static long sink;

  static double tabular(TabularEnvironment env, long steps) {
    SplittableRandom rng = new SplittableRandom(1);
    env.reset(1);
    long t0 = System.nanoTime();
    for (long i = 0; i < steps; i++) {
      TabularEnvironment.Step s = env.step(rng.nextInt(env.actionCount()));
      sink += s.state();
      if (s.done()) {
        env.reset();
      }
    }
    return steps / ((System.nanoTime() - t0) / 1e9);
  }

  static double continuous(ContinuousStateEnvironment env, long steps) {
    SplittableRandom rng = new SplittableRandom(1);
    env.reset(1);
    long t0 = System.nanoTime();
    for (long i = 0; i < steps; i++) {
      ContinuousStateEnvironment.Step s = env.step(rng.nextInt(env.actionCount()));
      sink += (long) s.state()[0];
      if (s.done()) {
        env.reset();
      }
    }
    return steps / ((System.nanoTime() - t0) / 1e9);
  }

  static double vector(VectorEnvironment env, int copies, long steps) {
    SplittableRandom rng = new SplittableRandom(1);
    VectorEnvironment.Batch batch = VectorEnvironment.Batch.of(copies, env.observationSize());
    env.reset(1, batch);
    int[] actions = new int[copies];
    long t0 = System.nanoTime();
    for (long i = 0; i < steps / copies; i++) {
      for (int c = 0; c < copies; c++) {
        actions[c] = rng.nextInt(env.actionCount());
      }
      env.step(actions, batch);
      sink += (long) batch.observations()[0];
    }
    return steps / ((System.nanoTime() - t0) / 1e9);
  }

  static double continuousVector(ContinuousActionVectorEnvironment env, int copies, long steps) {
    SplittableRandom rng = new SplittableRandom(1);
    VectorEnvironment.Batch batch = VectorEnvironment.Batch.of(copies, env.observationSize());
    env.reset(1, batch);
    int m = env.actionSize();
    float[] low = env.actionLow();
    float[] high = env.actionHigh();
    float[] actions = new float[copies * m];
    long t0 = System.nanoTime();
    for (long i = 0; i < steps / copies; i++) {
      for (int c = 0; c < copies * m; c++) {
        actions[c] = (float) (low[c % m] + (high[c % m] - low[c % m]) * rng.nextDouble());
      }
      env.step(actions, batch);
      sink += (long) batch.observations()[0];
    }
    return steps / ((System.nanoTime() - t0) / 1e9);
  }

  public static void main(String[] args) {
    long n = 20_000_000;
    for (int round = 0; round < 2; round++) { // the first round warms up the JIT
      boolean print = round == 1;
      report(print, "random-walk (19 states)", tabular(new RandomWalk(new RandomWalkParams(19, -1, 1)), n));
      report(print, "cliff-walking (4x12)", tabular(new CliffWalking(new NoParams()), n));
      report(print, "gridworld (10x10, slip 0.1)", tabular(new GridWorld(new GridWorldParams(10, 10, -1, 0.1)), n));
      report(print, "dyna-maze (6x9)", tabular(new DynaMaze(defaults()), n));
      report(print, "mountain-car", continuous(new MountainCar(new MountainCarParams(200)), n));
      report(print, "CartPole-v1 (8 copies)", vector(new CartPole(new CartPoleParams(500)), 8, n));
      report(print, "Acrobot-v1 (8 copies)", vector(new Acrobot(new AcrobotParams(500)), 8, n / 10));
      report(print, "MountainCar-v0 (8 copies)", vector(new MountainCarV0(new MountainCarV0Params(200, 0)), 8, n));
      report(print, "MountainCarContinuous-v0 (8)", continuousVector(
          new MountainCarContinuous(new MountainCarContinuousParams(999, 0)), 8, n));
      report(print, "Pendulum-v1 (8 copies)", continuousVector(new Pendulum(new PendulumParams(10.0, 200)), 8, n));
    }
  }

  static DynaMazeParams defaults() {
    dev.rlx.api.ParameterSpace space = dev.rlx.api.ParameterSpace.of(DynaMazeParams.class);
    return space.bind(DynaMazeParams.class, space.defaults());
  }

  static void report(boolean print, String name, double stepsPerSecond) {
    if (print) {
      System.out.printf("%-30s %,14.0f steps/s%n", name, stepsPerSecond);
    }
  }
}
