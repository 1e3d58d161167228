package dev.rlx.testkit;

import com.google.inject.AbstractModule;
import dev.rlx.api.Environment;
import dev.rlx.api.Isolation;
import dev.rlx.api.PluginBindings;
import dev.rlx.api.PluginDescriptor;
import dev.rlx.api.RlxPlugin;

/**
 * Registers the testkit's plugins: {@code scripted}, {@code null-env}, and
 * {@code declared-only}, an algorithm that is declared but has no implementation.
 */
public final class TestkitPlugins extends AbstractModule implements RlxPlugin {

  @Override
  protected void configure() {
    PluginBindings.register(binder(), PluginDescriptor.algorithm("scripted", "does what its parameters say (tests only)",
        "none", ScriptedParams.class, ScriptedAlgorithm.class, Environment.class, Isolation.THREAD));
    PluginBindings.register(binder(), PluginDescriptor.environment("null-env", "an empty environment (tests only)",
        "none", NullEnvironment.NoParams.class, NullEnvironment.class));
    PluginBindings.register(binder(), PluginDescriptor.algorithm("declared-only",
        "declared, never implemented: `rlx sweep` must refuse it (tests only)", "none", NullEnvironment.NoParams.class));
  }
}
