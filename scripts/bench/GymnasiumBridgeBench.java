import dev.rlx.api.BatchedEnvironment;
import dev.rlx.api.BatchedEnvironment.Batch;
import dev.rlx.api.ContinuousActionVectorEnvironment;
import dev.rlx.api.EnvironmentName;
import dev.rlx.api.VectorEnvironment;
import dev.rlx.environments.gymnasium.Gymnasium;
import dev.rlx.environments.gymnasium.GymnasiumParams;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The rlx side of scripts/bench/gymnasium.sh: environment steps per second through the
 * Gymnasium bridge, uniform random actions drawn before the clock starts, the workers' start
 * and a warm-up excluded. Run as a single-file program on rlx's classpath:
 *
 *   java -cp platform/cli/target/rlx.jar scripts/bench/GymnasiumBridgeBench.java ID COPIES WORKERS STEPS REPEATS PYTHON [SPIN_µs]
 *
 * Prints one line: the median of REPEATS timings of STEPS batch steps, and each timing.
 */
public class GymnasiumBridgeBench {

  public static void main(String[] args) {
    String id = args[0];
    int copies = Integer.parseInt(args[1]);
    int workers = Integer.parseInt(args[2]);
    int steps = Integer.parseInt(args[3]);
    int repeats = Integer.parseInt(args[4]);
    int spinWait = args.length > 6 ? Integer.parseInt(args[6]) : 200;
    GymnasiumParams params = new GymnasiumParams(args[5], "", workers, 0, true, spinWait, 60, 180, Map.of());
    try (Gymnasium bridge = new Gymnasium(params, new EnvironmentName("gymnasium:" + id))) {
      BatchedEnvironment env = (BatchedEnvironment) bridge.open();
      Batch batch = Batch.of(copies, env.observationSize());
      env.reset(0, batch);
      Runnable step = stepper(env, batch, copies);
      for (int t = 0; t < 500; t++) {
        step.run();
      }
      double[] rates = new double[repeats];
      for (int r = 0; r < repeats; r++) {
        long t0 = System.nanoTime();
        for (int t = 0; t < steps; t++) {
          step.run();
        }
        rates[r] = (double) copies * steps / ((System.nanoTime() - t0) / 1e9);
      }
      double[] sorted = rates.clone();
      Arrays.sort(sorted);
      System.out.printf("rlx bridge %s copies=%d workers=%d spin_wait=%dus steps_per_second=%.0f runs=%s%n", id, copies, workers, spinWait,
          sorted[repeats / 2], Arrays.toString(Arrays.stream(rates).mapToLong(Math::round).toArray()));
    }
  }

  /** One batch step with actions drawn in advance (a cycle of 1,024 batches), so drawing them costs nothing. */
  private static Runnable stepper(BatchedEnvironment env, Batch batch, int copies) {
    SplittableRandom rng = new SplittableRandom(0);
    int cycle = 1024;
    if (env instanceof VectorEnvironment discrete) {
      int[][] actions = new int[cycle][copies];
      for (int[] row : actions) {
        Arrays.setAll(row, i -> rng.nextInt(discrete.actionCount()));
      }
      int[] t = {0};
      return () -> discrete.step(actions[t[0]++ % cycle], batch);
    }
    ContinuousActionVectorEnvironment box = (ContinuousActionVectorEnvironment) env;
    float[] low = box.actionLow();
    float[] high = box.actionHigh();
    int a = box.actionSize();
    float[][] actions = new float[cycle][copies * a];
    for (float[] row : actions) {
      for (int j = 0; j < row.length; j++) {
        row[j] = (float) rng.nextDouble(low[j % a], high[j % a]);
      }
    }
    int[] t = {0};
    return () -> box.step(actions[t[0]++ % cycle], batch);
  }
}
