package dev.rlx.api;

/** What a plugin provides. */
public enum PluginKind {
  ALGORITHM("algorithm"),
  ENVIRONMENT("environment");

  private final String label;

  PluginKind(String label) {
    this.label = label;
  }

  /** "algorithm" or "environment", as the spec's top-level keys spell it. */
  public String label() {
    return label;
  }
}
