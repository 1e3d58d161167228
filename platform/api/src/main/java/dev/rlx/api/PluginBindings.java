package dev.rlx.api;

import com.google.inject.Binder;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.name.Names;

/** The map bindings under which plugin modules register their plugins, keyed by id. */
public final class PluginBindings {

  /** Binding name of the algorithm map. */
  public static final String ALGORITHMS = "rlx.algorithms";
  /** Binding name of the environment map. */
  public static final String ENVIRONMENTS = "rlx.environments";

  private PluginBindings() {}

  public static MapBinder<String, PluginDescriptor> algorithms(Binder binder) {
    return MapBinder.newMapBinder(binder, String.class, PluginDescriptor.class, Names.named(ALGORITHMS));
  }

  public static MapBinder<String, PluginDescriptor> environments(Binder binder) {
    return MapBinder.newMapBinder(binder, String.class, PluginDescriptor.class, Names.named(ENVIRONMENTS));
  }

  /** Registers {@code descriptor} in the map of its kind. */
  public static void register(Binder binder, PluginDescriptor descriptor) {
    MapBinder<String, PluginDescriptor> map =
        descriptor.kind() == PluginKind.ALGORITHM ? algorithms(binder) : environments(binder);
    map.addBinding(descriptor.id()).toInstance(descriptor);
  }
}
