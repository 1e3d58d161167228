package dev.rlx.core.exec;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.inject.Binder;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.Scopes;
import com.google.inject.Stage;
import dev.rlx.api.Algorithm;
import dev.rlx.api.ContinuousActionVectorEnvironment;
import dev.rlx.api.Device;
import dev.rlx.api.Environment;
import dev.rlx.api.EnvironmentFactory;
import dev.rlx.api.EnvironmentName;
import dev.rlx.api.PluginDescriptor;
import dev.rlx.api.PluginKind;
import dev.rlx.api.TrialContext;
import dev.rlx.api.VectorEnvironment;
import dev.rlx.core.plugins.PluginCatalog;
import dev.rlx.core.spec.SpecValues;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/**
 * Runs one trial in the current JVM: a fresh injector binds the algorithm and environment
 * classes, their typed parameter records (bound from the resolved config), the device and
 * the trial context; Guice builds the algorithm; {@link Algorithm#train()} runs it. A game of a
 * match is played by {@link MatchGame} instead.
 */
public final class TrialRunner {

  private final PluginCatalog catalog;

  public TrialRunner(PluginCatalog catalog) {
    this.catalog = catalog;
  }

  /** Trains the trial described by {@code config}, reporting through {@code context}. */
  public void run(JsonNode config, TrialContext context) throws Exception {
    PluginDescriptor algorithm = implemented(PluginKind.ALGORITHM, config.path("algorithm").path("id").asText());
    EnvironmentName name = new EnvironmentName(config.path("environment").path("id").asText());
    PluginDescriptor environment = implemented(PluginKind.ENVIRONMENT, name.id());
    Class<?> envClass = environment.implementation().orElseThrow();
    boolean made = EnvironmentFactory.class.isAssignableFrom(envClass);
    if (!made && !algorithm.requires().isAssignableFrom(envClass)) {
      throw new IllegalArgumentException("algorithm '" + algorithm.id() + "' needs a " + algorithm.requires().getSimpleName()
          + "; environment '" + environment.id() + "' is not one");
    }
    if (algorithm.plays()) { // a game of a match: the algorithm is a player, the opponent is named in the config
      String opponent = config.path("match").path("opponent_algorithm").path("id").asText();
      new MatchGame(algorithm, implemented(PluginKind.ALGORITHM, opponent), environment).play(config, context);
      return;
    }
    Record algorithmParams = bind(algorithm, config.path("algorithm").path("params"));
    Record environmentParams = bind(environment, config.path("environment").path("params"));
    Module parameters = binder -> {
      binder.requireExplicitBindings();
      binder.bind(TrialContext.class).toInstance(context);
      binder.bind(Device.class).toInstance(context.device());
      binder.bind(EnvironmentName.class).toInstance(name);
      bindInstance(binder, algorithmParams);
      if (environmentParams.getClass() != algorithmParams.getClass()) {
        bindInstance(binder, environmentParams);
      }
    };
    if (!made) {
      train(Guice.createInjector(Stage.DEVELOPMENT, parameters, binder -> {
        binder.bind(envClass).in(Scopes.SINGLETON);
        contracts(envClass).forEach(contract -> bindTo(binder, contract, envClass));
      }), algorithm);
      return;
    }
    // An environment known only once it runs (Gymnasium): open it, check it, and close it — and every
    // process it started — however the trial ends.
    Injector injector = Guice.createInjector(Stage.DEVELOPMENT, parameters, binder -> binder.bind(envClass));
    try (EnvironmentFactory factory = (EnvironmentFactory) injector.getInstance(envClass)) {
      Environment opened = factory.open();
      if (!algorithm.requires().isInstance(opened)) {
        throw new IllegalArgumentException("algorithm '" + algorithm.id() + "' needs " + needs(algorithm.requires())
            + "; environment '" + name.id() + "' has " + factory.describeOpened());
      }
      train(injector.createChildInjector(binder -> contracts(opened.getClass())
          .forEach(contract -> bindInstance(binder, contract, opened))), algorithm);
    }
  }

  private static void train(Injector injector, PluginDescriptor algorithm) throws Exception {
    Class<?> algorithmClass = algorithm.implementation().orElseThrow();
    injector.createChildInjector(binder -> {
      binder.bind(algorithmClass);
      bindTo(binder, Algorithm.class, algorithmClass);
    }).getInstance(Algorithm.class).train();
  }

  /** What an algorithm's environment interface means in Gymnasium's words. */
  private static String needs(Class<?> contract) {
    if (contract == VectorEnvironment.class) {
      return "Discrete actions (a VectorEnvironment)";
    }
    if (contract == ContinuousActionVectorEnvironment.class) {
      return "Box actions (a ContinuousActionVectorEnvironment)";
    }
    return "a " + contract.getSimpleName();
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void bindInstance(Binder binder, Record params) {
    binder.bind((Class) params.getClass()).toInstance(params);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  static void bindInstance(Binder binder, Class<?> contract, Object instance) {
    binder.bind((Class) contract).toInstance(instance);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  static void bindTo(Binder binder, Class<?> contract, Class<?> implementation) {
    binder.bind((Class) contract).to(implementation);
  }

  private PluginDescriptor implemented(PluginKind kind, String id) {
    PluginDescriptor descriptor = catalog.find(kind, id)
        .orElseThrow(() -> new IllegalArgumentException("no " + kind.label() + " '" + id + "' is registered"));
    if (descriptor.implementation().isEmpty()) {
      throw new UnsupportedOperationException(kind.label() + " '" + id + "' is declared but not implemented in this version of rlx");
    }
    return descriptor;
  }

  /** The plugin's parameter record, bound from the resolved config's {@code params}. */
  static Record bind(PluginDescriptor descriptor, JsonNode params) {
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
