package dev.rlx.core.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rlx.api.Environment;
import dev.rlx.api.EnvironmentFactory;
import dev.rlx.api.ParameterSpec;
import dev.rlx.api.PluginDescriptor;
import dev.rlx.api.PluginKind;
import dev.rlx.core.plugins.PluginCatalog;
import dev.rlx.core.spec.Origin;
import dev.rlx.core.spec.SourceMap;
import dev.rlx.core.spec.SpecPath;
import dev.rlx.core.spec.SpecValues;
import dev.rlx.core.spec.Suggestions;
import dev.rlx.sweeps.Assignment;
import dev.rlx.sweeps.SweepProblem;
import dev.rlx.sweeps.TrialResolver;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Resolves one trial: checks its environment and algorithm ids and every parameter against
 * the plugins' declarations, fills in defaults and writes values in canonical types, so that
 * the trial id depends only on what the trial will run. Problems point at the value that
 * caused them: a sweep value if the sweep set it, else the base spec's.
 */
final class TrialConfigResolver implements TrialResolver {

  private final PluginCatalog catalog;
  private final SourceMap sources;

  TrialConfigResolver(PluginCatalog catalog, SourceMap sources) {
    this.catalog = catalog;
    this.sources = sources;
  }

  @Override
  public ObjectNode resolve(ObjectNode applied, List<Assignment> assignments, Consumer<SweepProblem> problems) {
    Map<String, Assignment> assigned = new HashMap<>();
    assignments.forEach(a -> assigned.put(a.path(), a));
    ObjectNode resolved = JsonNodeFactory.instance.objectNode();
    boolean ok = plugin(PluginKind.ENVIRONMENT, applied, assigned, resolved, problems);
    ok &= plugin(PluginKind.ALGORITHM, applied, assigned, resolved, problems);
    ok = ok && compatible(resolved, assigned, problems);
    ok &= positiveIntegers("budget", applied, assigned, resolved, problems);
    ok &= positiveIntegers("evaluation", applied, assigned, resolved, problems);
    resolved.set("seed", applied.get("seed"));
    return ok ? resolved : null;
  }

  /** The resolved config less the plugins' run settings ({@code @Param(identity = false)}). */
  @Override
  public JsonNode identity(ObjectNode resolved) {
    ObjectNode identity = null;
    for (PluginKind kind : PluginKind.values()) {
      JsonNode section = resolved.path(kind.label());
      Optional<PluginDescriptor> descriptor = catalog.find(kind, section.path("id").asText(""));
      if (descriptor.isEmpty()) {
        continue;
      }
      for (Iterator<String> names = section.path("params").fieldNames(); names.hasNext(); ) {
        String name = names.next();
        if (descriptor.get().parameters().isRunSetting(name)) {
          identity = identity != null ? identity : resolved.deepCopy();
          ((ObjectNode) identity.path(kind.label()).path("params")).remove(name);
        }
      }
    }
    return identity != null ? identity : resolved;
  }

  /**
   * Checks the base spec's environment and algorithm parameters on their own, so that their
   * problems are reported even when the sweep cannot be expanded.
   */
  void checkBase(ObjectNode base, Consumer<SweepProblem> problems) {
    for (PluginKind kind : PluginKind.values()) {
      plugin(kind, base, Map.of(), JsonNodeFactory.instance.objectNode(), problems);
    }
  }

  private boolean plugin(PluginKind kind, ObjectNode applied, Map<String, Assignment> assigned,
      ObjectNode resolved, Consumer<SweepProblem> problems) {
    String section = kind.label();
    return plugin(kind, section, SpecPath.ROOT.key(section), applied.path(section), assigned, resolved, problems);
  }

  /**
   * Resolves a match's fixed opponent, written at {@code path} (e.g. {@code match.opponents[1]}):
   * its id and parameters checked against the player's declarations, defaults filled in.
   *
   * @return the resolved {@code {id, params}}, or empty after reporting its problems
   */
  Optional<ObjectNode> resolveOpponent(ObjectNode plugin, SpecPath path, Consumer<SweepProblem> problems) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    String label = "opponent '" + plugin.path("id").asText() + "'";
    return plugin(PluginKind.ALGORITHM, label, path, plugin, Map.of(), out, problems)
        ? Optional.of((ObjectNode) out.get(label)) : Optional.empty();
  }

  /**
   * Checks one plugin section ({@code node}, written at {@code at}) and writes it resolved under
   * {@code key} of {@code resolved}. Problems name it as {@code key} ("algorithm", …).
   */
  private boolean plugin(PluginKind kind, String key, SpecPath at, JsonNode node, Map<String, Assignment> assigned,
      ObjectNode resolved, Consumer<SweepProblem> problems) {
    String section = kind.label();
    String id = node.path("id").asText(null);
    Optional<PluginDescriptor> descriptor = Optional.ofNullable(id).flatMap(i -> catalog.find(kind, i));
    if (descriptor.isEmpty()) {
      Assignment a = assigned.get(section + ".id");
      if (a != null) { // the base id is reported once, by the planner
        problems.accept(new SweepProblem(a.origin(), section + ".id", "unknown " + section + " '" + id + "'",
            "one of " + String.join(", ", catalog.specIds(kind)), "'" + id + "'",
            catalog.familyHint(kind, String.valueOf(id))
                .orElse(Suggestions.hint(String.valueOf(id), catalog.byKind(kind).keySet()))));
      }
      return false;
    }
    String named = at.isRoot() || key.equals(section) ? section : key;
    boolean ok = true;
    JsonNode given = node.path("params");
    Map<String, Object> values = new HashMap<>(); // each given value as Java, converted once: checked, then made canonical
    Map<String, JsonNode> undeclared = new TreeMap<>(); // an open space's own parameters, by name, passed on as written
    for (Iterator<Map.Entry<String, JsonNode>> it = given.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String name = field.getKey();
      SpecPath paramAt = at.key("params").key(name);
      String dotted = paramAt.display();
      Assignment a = assigned.get(section + ".params." + name);
      Object origin = a != null ? a.origin() : Origin.value(sources, paramAt);
      Optional<ParameterSpec> spec = descriptor.get().parameters().get(name);
      if (spec.isEmpty() && descriptor.get().parameters().acceptsUndeclared(name)) {
        undeclared.put(name, field.getValue());
        continue;
      }
      if (spec.isEmpty()) {
        Object keyOrigin = a != null ? a.origin() : Origin.key(sources, paramAt);
        problems.accept(new SweepProblem(keyOrigin, dotted,
            "'" + name + "' is not a parameter of " + section + " '" + id + "'",
            "one of " + String.join(", ", descriptor.get().parameters().names())
                + descriptor.get().parameters().openDoc().map(doc -> ", or an identifier: " + doc).orElse(""), "'" + name + "'",
            name.equals("<<") ? "a merge key must refer to a mapping (<<: *anchor)"
                : Suggestions.hint(name, descriptor.get().parameters().names())));
        ok = false;
        continue;
      }
      Object value = SpecValues.toJava(field.getValue());
      Optional<ParameterSpec.Violation> violation = spec.get().check(value);
      if (violation.isPresent()) {
        problems.accept(new SweepProblem(origin, dotted,
            "invalid value for parameter '" + name + "' of " + named + (named.equals(section) ? " '" + id + "'" : ""),
            violation.get().expected(), violation.get().found(), null));
        ok = false;
        continue;
      }
      values.put(name, value);
    }
    if (!ok) {
      return false;
    }
    ObjectNode out = resolved.putObject(key);
    out.put("id", id);
    ObjectNode outParams = out.putObject("params");
    for (ParameterSpec spec : descriptor.get().parameters().parameters()) {
      Object canonical = values.containsKey(spec.name()) ? spec.canonical(values.get(spec.name())) : spec.defaultValue();
      outParams.set(spec.name(), SpecValues.toJson(canonical));
    }
    undeclared.forEach(outParams::set); // after the declared ones, sorted: the trial id does not depend on their order
    return true;
  }

  /**
   * Whether the trial's algorithm can act in its environment, where the environment's interface
   * is known before it runs (a Java environment's class; a Gymnasium environment's spaces are
   * read when its trial starts, and checked then). Reported at the algorithm's id.
   */
  private boolean compatible(ObjectNode resolved, Map<String, Assignment> assigned, Consumer<SweepProblem> problems) {
    String algorithmId = resolved.path("algorithm").path("id").asText();
    String environmentId = resolved.path("environment").path("id").asText();
    PluginDescriptor algorithm = catalog.find(PluginKind.ALGORITHM, algorithmId).orElseThrow();
    Optional<Class<?>> environment = catalog.find(PluginKind.ENVIRONMENT, environmentId).orElseThrow().implementation();
    if (environment.isEmpty() || EnvironmentFactory.class.isAssignableFrom(environment.get())
        || algorithm.requires().isAssignableFrom(environment.get())) {
      return true;
    }
    Assignment a = assigned.getOrDefault("algorithm.id", assigned.get("environment.id"));
    problems.accept(new SweepProblem(a != null ? a.origin() : baseOrigin("algorithm.id", false), "algorithm.id",
        "algorithm '" + algorithmId + "' cannot act in environment '" + environmentId + "'",
        "an environment that is a " + algorithm.requires().getSimpleName(),
        "'" + environmentId + "', a " + String.join(" and ", environmentKinds(environment.get())),
        "`rlx describe` lists the environments; `rlx describe " + algorithmId + "` says what it runs on"));
    return false;
  }

  /** The environment interfaces {@code type} implements, by simple name. */
  private static List<String> environmentKinds(Class<?> type) {
    List<String> kinds = new java.util.ArrayList<>();
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      for (Class<?> i : c.getInterfaces()) {
        if (Environment.class.isAssignableFrom(i)) {
          kinds.add(i.getSimpleName());
        }
      }
    }
    return kinds.isEmpty() ? List.of(type.getSimpleName()) : kinds;
  }

  private boolean positiveIntegers(String section, ObjectNode applied, Map<String, Assignment> assigned,
      ObjectNode resolved, Consumer<SweepProblem> problems) {
    JsonNode node = applied.get(section);
    if (node == null) {
      return true;
    }
    boolean ok = true;
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      Assignment a = assigned.get(section + "." + field.getKey());
      JsonNode v = field.getValue();
      if (a != null && !(v.isIntegralNumber() && v.asLong() >= 1)) { // base values: the schema checks them
        problems.accept(new SweepProblem(a.origin(), a.path(), "invalid value for " + a.path(),
            "an integer ≥ 1", ParameterSpec.describe(SpecValues.toJava(v)), null));
        ok = false;
      }
    }
    if (section.equals("budget") && node.size() != 1) {
      Assignment a = assigned.get("budget.env_steps") != null ? assigned.get("budget.env_steps") : assigned.get("budget.episodes");
      problems.accept(new SweepProblem(a != null ? a.origin() : baseOrigin("budget", false), "budget",
          "a trial's budget must be one of env_steps or episodes", "exactly one key", node.size() + " keys", null));
      ok = false;
    }
    resolved.set(section, node);
    return ok;
  }

  private Origin baseOrigin(String dotted, boolean key) {
    SpecPath path = SpecPath.ofDotted(dotted);
    return key ? Origin.key(sources, path) : Origin.value(sources, path);
  }
}
