package dev.rlx.api;

import java.util.Locale;

/** What a plugin provides. */
public enum PluginKind {
  ALGORITHM,
  ENVIRONMENT;

  /** "algorithm" or "environment", as the spec's top-level keys spell it. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
