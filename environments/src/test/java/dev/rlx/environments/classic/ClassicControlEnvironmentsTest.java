package dev.rlx.environments.classic;

import dev.rlx.environments.Environments;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import com.google.inject.name.Names;
import dev.rlx.api.ContinuousActionVectorEnvironment;
import dev.rlx.api.PluginBindings;
import dev.rlx.api.PluginDescriptor;
import dev.rlx.api.VectorEnvironment;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The module registers Gymnasium's ids with Gymnasium's defaults, bound to records the classes accept. */
class ClassicControlEnvironmentsTest {

  private final Map<String, PluginDescriptor> environments = Guice.createInjector(new Environments())
      .getInstance(Key.get(new TypeLiteral<Map<String, PluginDescriptor>>() {}, Names.named(PluginBindings.ENVIRONMENTS)));

  @Test
  void registersTheGymnasiumIdsWithGymnasiumsTimeLimits() {
    assertThat(defaults("Acrobot-v1")).containsEntry("max_episode_steps", 500L);
    assertThat(defaults("MountainCar-v0")).containsEntry("max_episode_steps", 200L).containsEntry("goal_velocity", 0.0);
    assertThat(defaults("MountainCarContinuous-v0")).containsEntry("max_episode_steps", 999L)
        .containsEntry("goal_velocity", 0.0);
    assertThat(defaults("Pendulum-v1")).containsEntry("max_episode_steps", 200L).containsEntry("g", 10.0);
  }

  @Test
  void eachIdNamesAnImplementationOfTheRightKind() {
    assertThat(environments.get("Acrobot-v1").implementation()).contains(Acrobot.class);
    assertThat(environments.get("MountainCar-v0").implementation()).contains(MountainCarV0.class);
    assertThat(environments.get("MountainCarContinuous-v0").implementation()).contains(MountainCarContinuous.class);
    assertThat(environments.get("Pendulum-v1").implementation()).contains(Pendulum.class);
    assertThat(VectorEnvironment.class).isAssignableFrom(Acrobot.class).isAssignableFrom(MountainCarV0.class);
    assertThat(ContinuousActionVectorEnvironment.class).isAssignableFrom(MountainCarContinuous.class)
        .isAssignableFrom(Pendulum.class);
  }

  @Test
  void theDefaultsBindToTheParameterRecords() {
    var space = environments.get("Pendulum-v1").parameters();
    assertThat(space.bind(PendulumParams.class, space.defaults())).isEqualTo(new PendulumParams(10.0, 200));
    var car = environments.get("MountainCar-v0").parameters();
    assertThat(car.bind(MountainCarV0Params.class, car.defaults())).isEqualTo(new MountainCarV0Params(200, 0));
  }

  private Map<String, Object> defaults(String id) {
    assertThat(environments).containsKey(id);
    return environments.get(id).parameters().defaults();
  }
}
