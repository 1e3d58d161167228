package dev.rlx.core.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.AbstractModule;
import com.google.inject.CreationException;
import dev.rlx.api.Param;
import dev.rlx.api.PluginBindings;
import dev.rlx.api.PluginDescriptor;
import dev.rlx.api.PluginKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class PluginCatalogTest {

  record ThirdPartyParams(@Param(doc = "β", defaultValue = "0.1", min = 0) double beta) {}

  static final class ThirdPartyPlugin extends AbstractModule {
    private final String id;

    ThirdPartyPlugin(String id) {
      this.id = id;
    }

    @Override
    protected void configure() {
      PluginBindings.register(binder(), PluginDescriptor.algorithm(id, "third party", "nowhere", ThirdPartyParams.class));
    }
  }

  @Test
  void discoversTheShippedPluginsThroughServiceLoader() {
    PluginCatalog catalog = PluginCatalog.discover(getClass().getClassLoader());
    assertThat(catalog.byKind(PluginKind.ALGORITHM)).containsKeys("ppo", "dqn", "double-dqn", "td-lambda", "sarsa", "q-learning", "dyna-q");
    assertThat(catalog.byKind(PluginKind.ENVIRONMENT)).containsKeys("CartPole-v1", "random-walk", "cliff-walking", "dyna-maze");
    assertThat(catalog.find(PluginKind.ALGORITHM, "ppo").orElseThrow().parameters().names()).contains("gae_lambda", "clip_eps");
  }

  @Test
  void shippedDefaultsFollowTheReference() {
    PluginCatalog catalog = PluginCatalog.discover(getClass().getClassLoader());
    var ppo = catalog.find(PluginKind.ALGORITHM, "ppo").orElseThrow().parameters().defaults();
    // references.md §3.4 exercise 1: 4 envs × 128 steps, 4 epochs × 4 minibatches, ε 0.2, λ 0.95, lr 3e-4.
    assertThat(ppo).containsEntry("num_envs", 4L).containsEntry("num_steps", 128L).containsEntry("update_epochs", 4L)
        .containsEntry("num_minibatches", 4L).containsEntry("clip_eps", 0.2).containsEntry("gae_lambda", 0.95)
        .containsEntry("lr", 3.0e-4).containsEntry("ent_coef", 0.01).containsEntry("vf_coef", 0.5)
        .containsEntry("max_grad_norm", 0.5).containsEntry("adam_eps", 1.0e-5);
    var dqn = catalog.find(PluginKind.ALGORITHM, "dqn").orElseThrow().parameters().defaults();
    // §2.3 exercise 1: replay 10k, target every 500, batch 64, lr 1e-3, ε 1 → 0.05 over 10k, start after 1000.
    assertThat(dqn).containsEntry("buffer_size", 10_000L).containsEntry("target_update_interval", 500L)
        .containsEntry("batch_size", 64L).containsEntry("lr", 1.0e-3).containsEntry("epsilon_end", 0.05)
        .containsEntry("exploration_steps", 10_000L).containsEntry("learning_starts", 1000L);
  }

  @Test
  void aFamilyNamesItsMembersAsPrefixColonId() {
    PluginCatalog catalog = PluginCatalog.discover(getClass().getClassLoader());
    assertThat(catalog.find(PluginKind.ENVIRONMENT, "gymnasium:HalfCheetah-v5")).map(PluginDescriptor::id).contains("gymnasium");
    assertThat(catalog.find(PluginKind.ENVIRONMENT, "gymnasium:my_envs:Maze-v0")).isPresent();
    assertThat(catalog.find(PluginKind.ENVIRONMENT, "gymnasium")).as("the bare prefix names no member").isEmpty();
    assertThat(catalog.find(PluginKind.ENVIRONMENT, "gymnasium:")).isEmpty();
    assertThat(catalog.find(PluginKind.ENVIRONMENT, "CartPole-v1:x")).as("a plain plugin is no family").isEmpty();
    assertThat(catalog.find(PluginKind.ALGORITHM, "gymnasium:CartPole-v1")).isEmpty();
    assertThat(catalog.familyHint(PluginKind.ENVIRONMENT, "gymnasium")).get().asString().contains("write gymnasium:<id>");
    assertThat(catalog.familyHint(PluginKind.ENVIRONMENT, "CartPole-v1")).isEmpty();
    assertThat(catalog.specIds(PluginKind.ENVIRONMENT)).contains("gymnasium:<id>", "CartPole-v1");
  }

  @Test
  void aModuleOnTheClasspathAddsAPluginWithoutTouchingThePlatform() {
    PluginCatalog catalog = PluginCatalog.fromModules(List.of(new ThirdPartyPlugin("my-dpo")));
    assertThat(catalog.find(PluginKind.ALGORITHM, "my-dpo")).isPresent();
    assertThat(catalog.byKind(PluginKind.ENVIRONMENT)).isEmpty();
  }

  @Test
  void aDuplicateIdFailsAtStartupNamingIt() {
    assertThatThrownBy(() -> PluginCatalog.fromModules(List.of(new ThirdPartyPlugin("ppo2"), new ThirdPartyPlugin("ppo2"))))
        .isInstanceOf(CreationException.class)
        .hasMessageContaining("ppo2");
  }
}
