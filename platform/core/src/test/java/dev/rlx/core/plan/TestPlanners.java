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

  /** The head of a spec running TD(λ) on the random walk for {@code episodes}; its sweep follows. */
  public static String tdLambdaOnTheWalk(String name, int episodes) {
    return "name: " + name + "\nenvironment: {id: random-walk}\nalgorithm: {id: td-lambda}\nbudget: {episodes: " + episodes + "}\n";
  }
}
