package dev.rlx.core.plugins;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.TypeLiteral;
import com.google.inject.name.Names;
import dev.rlx.api.PluginBindings;
import dev.rlx.api.PluginDescriptor;
import dev.rlx.api.PluginKind;
import dev.rlx.api.RlxPlugin;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The registered algorithm and environment plugins, by id. */
public final class PluginCatalog {

  private final Map<String, PluginDescriptor> algorithms;
  private final Map<String, PluginDescriptor> environments;

  public PluginCatalog(Map<String, PluginDescriptor> algorithms, Map<String, PluginDescriptor> environments) {
    this.algorithms = Collections.unmodifiableMap(new TreeMap<>(algorithms));
    this.environments = Collections.unmodifiableMap(new TreeMap<>(environments));
  }

  /**
   * Builds the catalog from every {@link RlxPlugin} that {@link ServiceLoader} finds on
   * {@code loader}'s classpath; a duplicate id fails here, naming it.
   */
  public static PluginCatalog discover(ClassLoader loader) {
    List<Module> modules = new ArrayList<>();
    ServiceLoader.load(RlxPlugin.class, loader).forEach(modules::add);
    return fromModules(modules);
  }

  /** Builds the catalog from the given plugin modules (tests use this for fakes). */
  public static PluginCatalog fromModules(List<? extends Module> modules) {
    List<Module> all = new ArrayList<>(modules);
    // Declare both maps even when no module contributes to one of them.
    all.add(binder -> {
      PluginBindings.algorithms(binder);
      PluginBindings.environments(binder);
    });
    Injector injector = Guice.createInjector(all);
    TypeLiteral<Map<String, PluginDescriptor>> mapType = new TypeLiteral<>() {};
    return new PluginCatalog(
        injector.getInstance(Key.get(mapType, Names.named(PluginBindings.ALGORITHMS))),
        injector.getInstance(Key.get(mapType, Names.named(PluginBindings.ENVIRONMENTS))));
  }

  /**
   * The plugin a spec's id names: a plain plugin by its id, a member of a family
   * ({@link PluginDescriptor#family()}) as {@code prefix:member}, e.g. {@code gymnasium:HalfCheetah-v5}.
   * A family's bare prefix names nothing (it does not say which member).
   */
  public Optional<PluginDescriptor> find(PluginKind kind, String id) {
    int colon = id.indexOf(':');
    if (colon < 0) {
      return Optional.ofNullable(byKind(kind).get(id)).filter(d -> !d.family());
    }
    return Optional.ofNullable(byKind(kind).get(id.substring(0, colon)))
        .filter(d -> d.family() && colon + 1 < id.length());
  }

  /** For an id that is a family's bare prefix (or {@code prefix:} with nothing after it): how to name a member. */
  public Optional<String> familyHint(PluginKind kind, String id) {
    String prefix = id.endsWith(":") ? id.substring(0, id.length() - 1) : id;
    return Optional.ofNullable(byKind(kind).get(prefix)).filter(PluginDescriptor::family)
        .map(d -> "'" + prefix + "' is a family of " + kind.label() + "s: write " + prefix + ":<id> with the id of one of them, e.g. "
            + prefix + ":CartPole-v1");
  }

  /** Every id a spec can write for a kind, a family shown as {@code prefix:<id>}, sorted. */
  public List<String> specIds(PluginKind kind) {
    return byKind(kind).values().stream().map(PluginDescriptor::specId).toList();
  }

  /** Every plugin of a kind, sorted by id. */
  public Map<String, PluginDescriptor> byKind(PluginKind kind) {
    return kind == PluginKind.ALGORITHM ? algorithms : environments;
  }
}
