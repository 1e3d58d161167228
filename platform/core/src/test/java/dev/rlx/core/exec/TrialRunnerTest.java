package dev.rlx.core.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rlx.api.Algorithm;
import dev.rlx.api.BatchedEnvironment;
import dev.rlx.api.ContinuousActionVectorEnvironment;
import dev.rlx.api.Device;
import dev.rlx.api.EnvironmentFactory;
import dev.rlx.api.EnvironmentName;
import dev.rlx.api.Isolation;
import dev.rlx.api.OpenParams;
import dev.rlx.api.Param;
import dev.rlx.api.PluginDescriptor;
import dev.rlx.api.PluginModule;
import dev.rlx.api.TrialContext;
import dev.rlx.api.VectorEnvironment;
import dev.rlx.core.plugins.PluginCatalog;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A trial on an environment known only once it runs ({@link EnvironmentFactory}, as Gymnasium's):
 * the factory learns its member from the spec's id and its keyword arguments from the open
 * parameters, the algorithm gets what it opened under its interfaces, a mismatch is refused
 * naming both sides, and the factory is closed however the trial ends.
 */
class TrialRunnerTest {

  record FamilyParams(
      @Param(doc = "copies", defaultValue = "1", min = 1) int workers,
      @OpenParams(doc = "keyword arguments") Map<String, Object> kwargs) {}

  record NoParams() {}

  /** Opens a discrete environment for member "discrete", a continuous one otherwise; says in the log what it saw. */
  public static final class FakeFamily implements EnvironmentFactory {
    private final TrialContext context;
    private final EnvironmentName name;
    private final FamilyParams params;

    @Inject
    public FakeFamily(TrialContext context, EnvironmentName name, FamilyParams params) {
      this.context = context;
      this.name = name;
      this.params = params;
    }

    @Override
    public BatchedEnvironment open() {
      context.log("opened:" + name.member() + ":" + params.kwargs(), 0, params.workers());
      return name.member().equals("discrete") ? new Discrete() : new Continuous();
    }

    @Override
    public String describeOpened() {
      return name.member().equals("discrete") ? "Discrete(2) actions" : "Box(1) actions";
    }

    @Override
    public void close() {
      context.log("closed", 0, 1);
    }
  }

  /** Needs Discrete actions; fails when told to, after seeing its environment. */
  public static final class NeedsDiscrete implements Algorithm {
    private final VectorEnvironment env;
    private final TrialContext context;

    @Inject
    public NeedsDiscrete(VectorEnvironment env, TrialContext context) {
      this.env = env;
      this.context = context;
    }

    @Override
    public void train() {
      context.log("actions", 0, env.actionCount());
      if (context.seed() == 13) {
        throw new IllegalStateException("training broke");
      }
    }
  }

  static final class Plugins extends PluginModule {
    @Override
    protected List<PluginDescriptor> plugins() {
      return List.of(PluginDescriptor.environmentFamily("fake", "a family", "nowhere", FamilyParams.class, FakeFamily.class),
          PluginDescriptor.algorithm("needs-discrete", "s", "r", NoParams.class, NeedsDiscrete.class, VectorEnvironment.class,
              Isolation.THREAD));
    }
  }

  private final TrialRunner runner = new TrialRunner(PluginCatalog.fromModules(List.of(new Plugins())));

  @Test
  void theFactoryOpensTheSpecsMemberWithItsKeywordArgumentsAndIsClosedAfterTraining() throws Exception {
    Recording context = new Recording(0);
    runner.run(config("fake:discrete", "{\"workers\": 3, \"render_mode\": \"none\"}"), context);
    assertThat(context.keys).containsExactly("opened:discrete:{render_mode=none}", "actions", "closed");
  }

  @Test
  void aMismatchIsRefusedNamingBothSidesAndTheFactoryIsClosed() {
    Recording context = new Recording(0);
    assertThatThrownBy(() -> runner.run(config("fake:box", "{}"), context))
        .hasMessage("algorithm 'needs-discrete' needs Discrete actions (a VectorEnvironment); environment 'fake:box' has Box(1) actions");
    assertThat(context.keys).containsExactly("opened:box:{}", "closed");
  }

  @Test
  void aFailingTrialStillClosesTheFactory() {
    Recording context = new Recording(13);
    assertThatThrownBy(() -> runner.run(config("fake:discrete", "{}"), context)).hasMessage("training broke");
    assertThat(context.keys).endsWith("closed");
  }

  private static JsonNode config(String environment, String params) throws Exception {
    return new ObjectMapper().readTree("{\"environment\": {\"id\": \"" + environment + "\", \"params\": " + params + "},"
        + " \"algorithm\": {\"id\": \"needs-discrete\", \"params\": {}}}");
  }

  /** The keys logged, in order. */
  private static final class Recording implements TrialContext {
    final List<String> keys = new ArrayList<>();
    private final long seed;

    Recording(long seed) {
      this.seed = seed;
    }

    @Override public String trialId() { return "t"; }
    @Override public long seed() { return seed; }
    @Override public Budget budget() { return new Budget(1, 0); }
    @Override public Evaluation evaluation() { return Evaluation.NONE; }
    @Override public Device device() { return Device.CPU; }
    @Override public Path runDirectory() { return Path.of("."); }
    @Override public void log(String key, long step, double value) { keys.add(key); }
    @Override public boolean isCancelled() { return false; }
  }

  private static final class Discrete implements VectorEnvironment {
    @Override public int actionCount() { return 2; }
    @Override public void step(int[] actions, Batch batch) {}
    @Override public VectorEnvironment copy() { return new Discrete(); }
    @Override public int observationSize() { return 1; }
    @Override public void reset(long seed, Batch batch) {}
  }

  private static final class Continuous implements ContinuousActionVectorEnvironment {
    @Override public int actionSize() { return 1; }
    @Override public float[] actionLow() { return new float[] {-1}; }
    @Override public float[] actionHigh() { return new float[] {1}; }
    @Override public void step(float[] actions, Batch batch) {}
    @Override public ContinuousActionVectorEnvironment copy() { return new Continuous(); }
    @Override public int observationSize() { return 1; }
    @Override public void reset(long seed, Batch batch) {}
  }
}
