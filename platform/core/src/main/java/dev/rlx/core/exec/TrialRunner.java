package dev.rlx.core.exec;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Scopes;
import com.google.inject.Stage;
import dev.rlx.api.Algorithm;
import dev.rlx.api.Device;
import dev.rlx.api.Environment;
import dev.rlx.api.PluginDescriptor;
import dev.rlx.api.PluginKind;
import dev.rlx.api.TrialContext;
import dev.rlx.core.plugins.PluginCatalog;
import dev.rlx.core.spec.SpecValues;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/**
 * Runs one trial in the current JVM: a fresh injector binds the algorithm and environment
 * classes, their typed parameter records (bound from the resolved config), the device and
 * the trial context; Guice builds the algorithm; {@link Algorithm#train()} runs it.
 */
public final class TrialRunner {

  private final PluginCatalog catalog;

  public TrialRunner(PluginCatalog catalog) {
    this.catalog = catalog;
  }

  /** Trains the trial described by {@code config}, reporting through {@code context}. */
  public void run(JsonNode config, TrialContext context) throws Exception {
    PluginDescriptor algorithm = implemented(PluginKind.ALGORITHM, config.path("algorithm").path("id").asText());
    PluginDescriptor environment = implemented(PluginKind.ENVIRONMENT, config.path("environment").path("id").asText());
    if (!algorithm.requires().isAssignableFrom(environment.implementation().orElseThrow())) {
      throw new IllegalArgumentException("algorithm '" + algorithm.id() + "' needs a " + algorithm.requires().getSimpleName()
          + "; environment '" + environment.id() + "' is not one");
    }
    Record algorithmParams = bind(algorithm, config.path("algorithm").path("params"));
    Record environmentParams = bind(environment, config.path("environment").path("params"));
    Injector injector = Guice.createInjector(Stage.DEVELOPMENT, new AbstractModule() {
      @Override
      @SuppressWarnings({"unchecked", "rawtypes"})
      protected void configure() {
        binder().requireExplicitBindings();
        bind(TrialContext.class).toInstance(context);
        bind(Device.class).toInstance(context.device());
        bind((Class) algorithmParams.getClass()).toInstance(algorithmParams);
        if (environmentParams.getClass() != algorithmParams.getClass()) {
          bind((Class) environmentParams.getClass()).toInstance(environmentParams);
        }
        Class<?> envClass = environment.implementation().orElseThrow();
        bind(envClass).in(Scopes.SINGLETON);
        for (Class<?> contract : contracts(envClass)) {
          bind((Class) contract).to(envClass);
        }
        Class<?> algorithmClass = algorithm.implementation().orElseThrow();
        bind(algorithmClass);
        bind(Algorithm.class).to((Class) algorithmClass);
      }
    });
    injector.getInstance(Algorithm.class).train();
  }

  private PluginDescriptor implemented(PluginKind kind, String id) {
    PluginDescriptor descriptor = catalog.find(kind, id)
        .orElseThrow(() -> new IllegalArgumentException("no " + kind.label() + " '" + id + "' is registered"));
    if (descriptor.implementation().isEmpty()) {
      throw new UnsupportedOperationException(kind.label() + " '" + id + "' is declared but not implemented in this version of rlx");
    }
    return descriptor;
  }

  private static Record bind(PluginDescriptor descriptor, JsonNode params) {
    return descriptor.parameters().bind(descriptor.parameterType(), SpecValues.toJava(params.fields()));
  }

  /** Every interface of {@code type} that extends Environment, or is another capability (e.g. KnownStateValues). */
  private static Set<Class<?>> contracts(Class<?> type) {
    Set<Class<?>> out = new HashSet<>();
    Deque<Class<?>> todo = new ArrayDeque<>();
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      todo.addAll(java.util.List.of(c.getInterfaces()));
    }
    while (!todo.isEmpty()) {
      Class<?> i = todo.pop();
      if (out.add(i)) {
        todo.addAll(java.util.List.of(i.getInterfaces()));
      }
    }
    out.removeIf(i -> !i.getName().startsWith("dev.rlx.") && !Environment.class.isAssignableFrom(i));
    return out;
  }
}
