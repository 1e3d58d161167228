// The ceiling for `rlx sweep --jobs 2`: the same TD(λ) trials as specs/td-lambda-cpu.yaml,
// run by TrialRunner directly on 1 thread, then on 2 threads at once, with no scheduler and
// no store. Run by scripts/bench/execution.sh: java -cp <rlx classpath> ParallelCeiling.java
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rlx.api.Device;
import dev.rlx.api.TrialContext;
import dev.rlx.core.exec.TrialRunner;
import dev.rlx.core.plugins.PluginCatalog;
import java.nio.file.Path;

public class ParallelCeiling {
  static final long EPISODES = 20_000;

  static void trial(TrialRunner runner, ObjectNode config) {
    TrialContext context = new TrialContext() {
      public String trialId() { return "ceiling"; }
      public long seed() { return 1; }
      public Budget budget() { return new Budget(0, EPISODES); }
      public Evaluation evaluation() { return Evaluation.NONE; }
      public Device device() { return Device.CPU; }
      public Path runDirectory() { return Path.of("."); }
      public void log(String key, long step, double value) { }
      public boolean isCancelled() { return false; }
    };
    try {
      runner.run(config, context);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public static void main(String[] args) throws Exception {
    TrialRunner runner = new TrialRunner(PluginCatalog.discover(ParallelCeiling.class.getClassLoader()));
    ObjectNode config = (ObjectNode) new ObjectMapper().readTree("{\"environment\":{\"id\":\"random-walk\","
        + "\"params\":{\"n_states\":101,\"left_reward\":-1.0,\"right_reward\":1.0}},\"algorithm\":{\"id\":\"td-lambda\","
        + "\"params\":{\"alpha\":0.01,\"lambda\":0.8}},\"budget\":{\"episodes\":" + EPISODES + "},\"seed\":1}");
    trial(runner, config); // warm up the JIT
    double best = 0;
    for (int round = 0; round < 3; round++) {
      long t0 = System.nanoTime();
      trial(runner, config);
      trial(runner, config);
      double serial = (System.nanoTime() - t0) / 1e9;
      Thread a = new Thread(() -> trial(runner, config));
      Thread b = new Thread(() -> trial(runner, config));
      t0 = System.nanoTime();
      a.start();
      b.start();
      a.join();
      b.join();
      double parallel = (System.nanoTime() - t0) / 1e9;
      System.out.printf("two trials: %.2f s one after the other, %.2f s side by side: %.2fx%n", serial, parallel, serial / parallel);
      best = Math.max(best, serial / parallel);
    }
    System.out.printf("ceiling on this machine now: %.2fx%n", best);
  }
}
