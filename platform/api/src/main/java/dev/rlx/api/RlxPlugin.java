package dev.rlx.api;

import com.google.inject.Module;

/**
 * A Guice module that contributes plugins. Implementations are discovered with
 * {@link java.util.ServiceLoader} (list the class in
 * {@code META-INF/services/dev.rlx.api.RlxPlugin}), so a jar on the classpath adds plugins
 * without touching the platform. Register each plugin in {@code configure()} through
 * {@link PluginBindings}; a duplicate id fails when the injector is built.
 */
public interface RlxPlugin extends Module {}
