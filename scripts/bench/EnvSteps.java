// Environment steps per second with a uniformly random policy, single thread, after warm-up.
// Run by scripts/bench/tabular.sh: java -cp <rlx classpath> EnvSteps.java
import dev.rlx.api.ContinuousStateEnvironment;
import dev.rlx.api.TabularEnvironment;
import dev.rlx.api.VectorEnvironment;
import dev.rlx.environments.classic.CartPole;
import dev.rlx.environments.classic.CartPoleParams;
import dev.rlx.environments.classic.MountainCar;
import dev.rlx.environments.classic.MountainCarParams;
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
