package dev.rlx.cli;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.rlx.core.plan.ExperimentPlanner;
import dev.rlx.core.plugins.PluginCatalog;
import dev.rlx.core.spec.SchemaValidator;
import dev.rlx.core.spec.YamlDocumentReader;

/** Wires the CLI's services. Providers are lazy: {@code rlx --help} builds none of them. */
final class CliModule extends AbstractModule {

  @Provides
  @Singleton
  PluginCatalog pluginCatalog() {
    return PluginCatalog.discover(CliModule.class.getClassLoader());
  }

  @Provides
  @Singleton
  ExperimentPlanner experimentPlanner(PluginCatalog catalog) {
    return new ExperimentPlanner(catalog, new SchemaValidator(), new YamlDocumentReader());
  }
}
