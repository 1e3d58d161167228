package dev.rlx.core.plan;

import dev.rlx.core.plugins.PluginCatalog;
import dev.rlx.core.spec.SchemaValidator;
import dev.rlx.core.spec.YamlDocumentReader;

/** A planner over the plugins shipped with rlx (on the test classpath). */
public final class TestPlanners {

  private TestPlanners() {}

  public static ExperimentPlanner shipped() {
    return new ExperimentPlanner(
        PluginCatalog.discover(TestPlanners.class.getClassLoader()), new SchemaValidator(), new YamlDocumentReader());
  }
}
