package dev.rlx.api;

/**
 * The environment id a trial runs, as its spec wrote it: for a family of environments
 * registered under one prefix ({@link PluginDescriptor#family()}), {@code gymnasium:HalfCheetah-v5}
 * is the family {@code gymnasium} and the member {@code HalfCheetah-v5}. Bound in every trial,
 * so a family's factory knows which member to make.
 */
public record EnvironmentName(String id) {

  /** The part after the family's prefix and its colon; the whole id for a plain plugin. */
  public String member() {
    int colon = id.indexOf(':');
    return colon < 0 ? id : id.substring(colon + 1);
  }
}
