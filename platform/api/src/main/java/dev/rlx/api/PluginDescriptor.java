package dev.rlx.api;

import java.util.Objects;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the platform knows about a plugin before running it: its id (as written in a spec),
 * what it is, and the record declaring its hyperparameters.
 *
 * @param id the id a spec uses, e.g. {@code ppo} or {@code CartPole-v1}
 * @param kind algorithm or environment
 * @param summary one line for {@code rlx describe}
 * @param reference where its equations come from, e.g. "references.md §3.4"
 * @param parameters the hyperparameter declarations
 * @param parameterType the record type those declarations come from (bound per trial)
 * @param implementation the class Guice builds per trial; empty while only declared
 * @param requires for an algorithm, the environment interface it needs
 * @param isolation the isolation the plugin is safe and efficient with by default
 * @param family whether {@code id} names a family of environments a spec selects one of as
 *     {@code id:member} (e.g. {@code gymnasium:HalfCheetah-v5}); the member reaches the
 *     implementation as {@link EnvironmentName}
 */
public record PluginDescriptor(
    String id,
    PluginKind kind,
    String summary,
    String reference,
    ParameterSpace parameters,
    Class<? extends Record> parameterType,
    Optional<Class<?>> implementation,
    Class<? extends Environment> requires,
    Isolation isolation,
    boolean family) {

  private static final Pattern ID = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]*");

  public PluginDescriptor {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(parameters, "parameters");
    Objects.requireNonNull(parameterType, "parameterType");
    Objects.requireNonNull(implementation, "implementation");
    Objects.requireNonNull(requires, "requires");
    Objects.requireNonNull(isolation, "isolation");
    implementation.ifPresent(impl -> {
      Class<?> contract = kind == PluginKind.ALGORITHM ? Algorithm.class : Environment.class;
      if (!contract.isAssignableFrom(impl) && !(kind == PluginKind.ENVIRONMENT && EnvironmentFactory.class.isAssignableFrom(impl))
          && !(kind == PluginKind.ALGORITHM && GamePlayer.class.isAssignableFrom(impl))) {
        throw new IllegalArgumentException(id + ": " + impl.getName() + " does not implement " + contract.getSimpleName());
      }
    });
    if (id == null || !ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "plugin id must match " + ID.pattern() + " (letters, digits, _ . -), got: " + id);
    }
  }

  /** An algorithm that is declared (parameters known) but not implemented in this version. */
  public static PluginDescriptor algorithm(
      String id, String summary, String reference, Class<? extends Record> parameters) {
    return of(id, PluginKind.ALGORITHM, summary, reference, parameters, Optional.empty(), Isolation.PROCESS);
  }

  /** An implemented algorithm that needs an environment of type {@code requires}. */
  public static PluginDescriptor algorithm(
      String id, String summary, String reference, Class<? extends Record> parameters,
      Class<? extends Algorithm> implementation, Class<? extends Environment> requires, Isolation isolation) {
    return algorithm(id, summary, reference, parameters, Map.of(), implementation, requires, isolation);
  }

  /**
   * An algorithm that is {@code implementation} with other defaults for some of its parameters
   * ({@link ParameterSpace#withDefaults}).
   */
  public static PluginDescriptor algorithm(
      String id, String summary, String reference, Class<? extends Record> parameters, Map<String, ?> defaults,
      Class<? extends Algorithm> implementation, Class<? extends Environment> requires, Isolation isolation) {
    return new PluginDescriptor(id, PluginKind.ALGORITHM, summary, reference, ParameterSpace.of(parameters).withDefaults(defaults),
        parameters, Optional.of(implementation), requires, isolation, false);
  }

  /**
   * A player of two-player games (a search, or random play): an algorithm that a match
   * ({@code match} in a spec) builds once per side per game, on a {@link Game}.
   */
  public static PluginDescriptor player(
      String id, String summary, String reference, Class<? extends Record> parameters,
      Class<? extends GamePlayer> implementation) {
    return new PluginDescriptor(id, PluginKind.ALGORITHM, summary, reference, ParameterSpace.of(parameters), parameters,
        Optional.of(implementation), Game.class, Isolation.THREAD, false);
  }

  /** Whether this is a {@link GamePlayer}: it plays matches instead of training. */
  public boolean plays() {
    return implementation.map(GamePlayer.class::isAssignableFrom).orElse(false);
  }

  /** An environment that is declared but not implemented in this version. */
  public static PluginDescriptor environment(
      String id, String summary, String reference, Class<? extends Record> parameters) {
    return of(id, PluginKind.ENVIRONMENT, summary, reference, parameters, Optional.empty(), Isolation.THREAD);
  }

  /** An implemented environment. */
  public static PluginDescriptor environment(
      String id, String summary, String reference, Class<? extends Record> parameters,
      Class<? extends Environment> implementation) {
    return of(id, PluginKind.ENVIRONMENT, summary, reference, parameters, Optional.of(implementation), Isolation.THREAD);
  }

  /** A plugin on any environment, its parameters with their declared defaults. */
  private static PluginDescriptor of(String id, PluginKind kind, String summary, String reference,
      Class<? extends Record> parameters, Optional<Class<?>> implementation, Isolation isolation) {
    return new PluginDescriptor(id, kind, summary, reference, ParameterSpace.of(parameters), parameters,
        implementation, Environment.class, isolation, false);
  }

  /**
   * A family of environments that a spec names {@code prefix:member}, made at run time by
   * {@code factory} (which learns the member from {@link EnvironmentName}): Gymnasium's registry.
   */
  public static PluginDescriptor environmentFamily(
      String prefix, String summary, String reference, Class<? extends Record> parameters,
      Class<? extends EnvironmentFactory> factory) {
    return new PluginDescriptor(prefix, PluginKind.ENVIRONMENT, summary, reference, ParameterSpace.of(parameters), parameters,
        Optional.of(factory), Environment.class, Isolation.THREAD, true);
  }

  /** How a spec writes this plugin's id: {@code gymnasium:<member>} for a family. */
  public String specId() {
    return family ? id + ":<id>" : id;
  }
}
