package dev.rlx.api;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What the platform knows about a plugin before running it: its id (as written in a spec),
 * what it is, and the record declaring its hyperparameters.
 *
 * @param id the id a spec uses, e.g. {@code ppo} or {@code CartPole-v1}
 * @param kind algorithm or environment
 * @param summary one line for {@code rlx describe}
 * @param reference where its equations come from, e.g. "rl-reference §3.4"
 * @param parameters the hyperparameter declarations
 */
public record PluginDescriptor(
    String id, PluginKind kind, String summary, String reference, ParameterSpace parameters) {

  private static final Pattern ID = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]*");

  public PluginDescriptor {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(parameters, "parameters");
    if (id == null || !ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "plugin id must match " + ID.pattern() + " (letters, digits, _ . -), got: " + id);
    }
  }

  public static PluginDescriptor algorithm(
      String id, String summary, String reference, Class<? extends Record> parameters) {
    return new PluginDescriptor(id, PluginKind.ALGORITHM, summary, reference, ParameterSpace.of(parameters));
  }

  public static PluginDescriptor environment(
      String id, String summary, String reference, Class<? extends Record> parameters) {
    return new PluginDescriptor(id, PluginKind.ENVIRONMENT, summary, reference, ParameterSpace.of(parameters));
  }
}
