package dev.rlx.environments.classic;

import static dev.rlx.api.PluginDescriptor.environment;

import com.google.inject.AbstractModule;
import dev.rlx.api.PluginBindings;
import dev.rlx.api.RlxPlugin;

/** Registers the classic-control environments, with Gymnasium's ids and definitions. */
public final class ClassicControlEnvironments extends AbstractModule implements RlxPlugin {

  @Override
  protected void configure() {
    PluginBindings.register(binder(), environment(
        "CartPole-v1", "balance a pole on a cart; +1 per step, truncated at 500",
        "Barto, Sutton & Anderson 1983; Gymnasium CartPole-v1", CartPoleParams.class, CartPole.class));
    PluginBindings.register(binder(), environment(
        "mountain-car", "drive an underpowered car up a hill by rocking; −1 per step until x = 0.5",
        "Sutton & Barto Example 10.1, Fig. 12.10; Moore 1990", MountainCarParams.class, MountainCar.class));
  }
}
