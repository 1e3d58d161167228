package dev.rlx.api;

import com.google.inject.AbstractModule;
import java.util.List;

/**
 * A plugin module that contributes a fixed list of plugins: a subclass lists their descriptors
 * in {@link #plugins()} and this registers each through {@link PluginBindings}, so a module is
 * its table of plugins and nothing else.
 */
public abstract class PluginModule extends AbstractModule implements RlxPlugin {

  /** The plugins this module contributes. */
  protected abstract List<PluginDescriptor> plugins();

  @Override
  protected final void configure() {
    for (PluginDescriptor plugin : plugins()) {
      PluginBindings.register(binder(), plugin);
    }
  }
}
