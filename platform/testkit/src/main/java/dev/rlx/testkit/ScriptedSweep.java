package dev.rlx.testkit;

/**
 * The specs the sweep, executor and driver tests run: the scripted algorithm for one episode of
 * {@code null-env}, with what the test is about (its mode, resources, executor, sweep) added.
 */
public final class ScriptedSweep {

  private ScriptedSweep() {}

  /**
   * The spec named {@code name} whose scripted algorithm takes {@code params} (a YAML map, or ""
   * for none), followed by {@code sections}: top-level YAML entries, one per argument.
   */
  public static String yaml(String name, String params, String... sections) {
    StringBuilder yaml = new StringBuilder("""
        name: %s
        environment: {id: null-env}
        algorithm: {id: scripted%s}
        budget: {episodes: 1}
        """.formatted(name, params.isEmpty() ? "" : ", params: " + params));
    for (String section : sections) {
      yaml.append(section).append(section.endsWith("\n") ? "" : "\n");
    }
    return yaml.toString();
  }
}
