package dev.rlx.environments.tabular;

import static dev.rlx.api.PluginDescriptor.environment;

import dev.rlx.api.PluginDescriptor;
import dev.rlx.api.PluginModule;
import java.util.List;

/** Registers the tabular environments of Sutton &amp; Barto. */
public final class TabularEnvironments extends PluginModule {

  @Override
  protected List<PluginDescriptor> plugins() {
    return List.of(
        environment("random-walk", "n-state random walk with known true values",
            "Sutton & Barto Example 6.2, Fig. 7.2", RandomWalkParams.class, RandomWalk.class),
        environment("cliff-walking", "4×12 cliff: −1 per step, −100 and back to start on the cliff",
            "Sutton & Barto Example 6.6; Gymnasium CliffWalking-v0", NoParams.class, CliffWalking.class),
        environment("gridworld", "rows×cols grid, terminal corners, a reward per step, optional slip; exposes P and R",
            "Sutton & Barto Example 4.1", GridWorldParams.class, GridWorld.class),
        environment("max-bias", "A: right ends (0), left leads to B whose actions end with N(−0.1, 1) rewards",
            "Sutton & Barto Example 6.7, Fig. 6.5", MaximizationBiasParams.class, MaximizationBias.class),
        environment("dyna-maze", "6×9 maze with walls; reward 1 at the goal",
            "Sutton & Barto Fig. 8.2–8.5", DynaMazeParams.class, DynaMaze.class),
        environment("k-armed-bandit",
            "k arms, true values q*(a) drawn per seed (N(0, 1) by default), rewards N(q*(a), 1); one state, a pull per episode",
            "Sutton & Barto §2.3, Fig. 2.2; Exercise 2.5 (random-walk q*)", KArmedBanditParams.class, KArmedBandit.class));
  }
}
