package dev.rlx.environments.gymnasium;

import dev.rlx.api.OpenParams;
import dev.rlx.api.Param;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * How rlx runs a Gymnasium environment (the Python, the worker processes, how long a step may
 * take: run settings, left out of the trial id) and, undeclared, the keyword arguments of its {@code gym.make}: {@code ctrl_cost_weight},
 * {@code continuous}, {@code render_mode} …, passed on as written and checked by Gymnasium.
 */
public record GymnasiumParams(
    @Param(doc = "the Python with gymnasium installed; empty: $RLX_PYTHON, else python3 on the PATH", defaultValue = "",
        identity = false)
    String python,
    @Param(doc = "directories put first on the workers' sys.path, separated by ':' (for your own environments, "
        + "registered on import: gymnasium:my_envs:MyEnv-v0)", defaultValue = "")
    String pythonPath,
    @Param(doc = "Python worker processes the copies are spread over (each steps its block in turn)", defaultValue = "1",
        min = 1, max = 256, identity = false)
    int workers,
    @Param(doc = "time limit after which an episode is truncated; 0: the one Gymnasium registers for the id",
        defaultValue = "0", min = 0, unit = "steps")
    int maxEpisodeSteps,
    @Param(doc = "clip Box actions to the space's bounds before the environment sees them (Gymnasium's ClipAction, as "
        + "CleanRL and SB3 do); false: the environment gets them as sampled, and penalises or clips them itself",
        defaultValue = "true")
    boolean clipActions,
    @Param(doc = "how long each side polls for the other's next message before it blocks: a process woken from another "
        + "core costs tens of µs per step on virtual machines; 0: always block", defaultValue = "200", min = 0, max = 100_000,
        unit = "µs", identity = false)
    int spinWait,
    @Param(doc = "how long a worker may take to answer a reset or a step before it is called hung, its stack dumped and killed",
        defaultValue = "60", min = 0, minExclusive = true, unit = "s", identity = false)
    double answerTimeout,
    @Param(doc = "how long a worker may take to import gymnasium and make its first copy",
        defaultValue = "180", min = 0, minExclusive = true, unit = "s", identity = false)
    double startTimeout,
    @OpenParams(doc = "a keyword argument of gym.make for this id (e.g. ctrl_cost_weight: 0.1), passed on as written")
    Map<String, Object> makeKwargs) {

  public GymnasiumParams {
    makeKwargs = Collections.unmodifiableMap(new TreeMap<>(makeKwargs)); // YAML null is a value too: no Map.copyOf
  }
}
