package dev.rlx.environments.gymnasium;

import dev.rlx.api.PluginDescriptor;
import dev.rlx.api.PluginModule;
import java.util.List;

/** Registers the Gymnasium bridge: every id of Gymnasium's registry as {@code gymnasium:<id>}. */
public final class GymnasiumEnvironments extends PluginModule {

  @Override
  protected List<PluginDescriptor> plugins() {
    return List.of(PluginDescriptor.environmentFamily("gymnasium",
        "any Gymnasium environment (MuJoCo, Box2D, classic control, your own), run by Python workers: gymnasium:HalfCheetah-v5",
        "Towers et al. 2024, Gymnasium; docs/gymnasium.md", GymnasiumParams.class, Gymnasium.class));
  }
}
