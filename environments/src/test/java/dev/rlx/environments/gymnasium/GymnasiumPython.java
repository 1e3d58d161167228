package dev.rlx.environments.gymnasium;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rlx.api.EnvironmentName;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The Python the bridge tests run: $RLX_PYTHON (`.ci/run` points it at the venv that
 * scripts/gymnasium/setup-venv.sh makes), else python3. Without gymnasium and mujoco there the
 * tests are skipped — unless RLX_REQUIRE_GYMNASIUM=1 (as in CI), where that fails them.
 */
public final class GymnasiumPython {

  private GymnasiumPython() {}

  public static String python() {
    String python = System.getenv().getOrDefault("RLX_PYTHON", "python3");
    String found = run(python, "-c", "import gymnasium, mujoco; print(gymnasium.__version__, mujoco.__version__)");
    if (found == null || !found.startsWith("1.3.0 ")) {
      String why = python + " has no gymnasium 1.3.0 with mujoco (" + found + "): run scripts/gymnasium/setup-venv.sh"
          + " and set RLX_PYTHON to the Python it prints";
      if ("1".equals(System.getenv("RLX_REQUIRE_GYMNASIUM"))) {
        fail(why);
      }
      assumeTrue(false, why);
    }
    return python;
  }

  /** A bridge to {@code id} with {@code kwargs} for gym.make, the fault tests' environments importable. */
  public static Gymnasium bridge(String id, int workers, double answerTimeout, Map<String, Object> kwargs) {
    return bridge(id, workers, answerTimeout, kwargs, true);
  }

  /** {@code clipActions} false: Box actions reach the environment as sampled. */
  public static Gymnasium bridge(String id, int workers, double answerTimeout, Map<String, Object> kwargs, boolean clipActions) {
    return new Gymnasium(new GymnasiumParams(python(), testEnvironments().toString(), workers, 0, clipActions, 200, answerTimeout, 180,
        new HashMap<>(kwargs)), new EnvironmentName("gymnasium:" + id));
  }

  public static Gymnasium bridge(String id) {
    return bridge(id, 1, 60, Map.of());
  }

  /** The directory of rlx_test_envs.py. */
  public static Path testEnvironments() {
    return Path.of("src/test/resources/python").toAbsolutePath();
  }

  /** What {@code command} prints, or null if it fails or does not run. */
  public static String run(String... command) {
    try {
      Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      return p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
