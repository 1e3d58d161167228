package dev.rlx.environments.classic;

import static dev.rlx.api.PluginDescriptor.environment;

import dev.rlx.api.PluginDescriptor;
import dev.rlx.api.PluginModule;
import java.util.List;

/** Registers the classic-control environments, with Gymnasium's ids and definitions. */
public final class ClassicControlEnvironments extends PluginModule {

  @Override
  protected List<PluginDescriptor> plugins() {
    return List.of(
        environment("CartPole-v1", "balance a pole on a cart; +1 per step, truncated at 500",
            "Barto, Sutton & Anderson 1983; Gymnasium CartPole-v1", CartPoleParams.class, CartPole.class),
        environment("mountain-car", "drive an underpowered car up a hill by rocking; −1 per step until x = 0.5",
            "Sutton & Barto Example 10.1, Fig. 12.10; Moore 1990", MountainCarParams.class, MountainCar.class),
        environment("Acrobot-v1",
            "swing the tip of a two-link chain above a bar with a torque of −1, 0 or +1; −1 per step, truncated at 500",
            "Sutton 1996; Sutton & Barto 2018; Gymnasium Acrobot-v1", AcrobotParams.class, Acrobot.class),
        environment("MountainCar-v0", "drive an underpowered car up a hill by rocking; −1 per step until x ≥ 0.5, truncated at 200",
            "Moore 1990; Gymnasium MountainCar-v0", MountainCarV0Params.class, MountainCarV0.class),
        environment("MountainCarContinuous-v0",
            "mountain car with a force in [−1, 1]; −0.1·a² per step, +100 at x ≥ 0.45, truncated at 999",
            "Moore 1990; Gymnasium MountainCarContinuous-v0", MountainCarContinuousParams.class, MountainCarContinuous.class),
        environment("Pendulum-v1", "swing a pendulum up and hold it with a torque in [−2, 2]; never terminates, truncated at 200",
            "Gymnasium Pendulum-v1", PendulumParams.class, Pendulum.class));
  }
}
