package dev.rlx.sweeps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Consumer;

/**
 * Turns a trial's config, with the sweep's assignments applied, into its resolved form
 * (defaults filled in, values in canonical types), reporting what is invalid about it.
 */
@FunctionalInterface
public interface TrialResolver {

  /**
   * @param applied the base config with {@code assignments} applied and {@code seed} set; owned
   *     by the caller of this method, which may modify and return it
   * @param assignments what the sweep set, to point a problem at the value that caused it
   * @param problems where to report what is wrong
   * @return the resolved config, or {@code null} when it is invalid
   */
  ObjectNode resolve(ObjectNode applied, List<Assignment> assignments, Consumer<SweepProblem> problems);

  /**
   * What a trial's id is hashed from: its resolved config, less what only says how it runs
   * (which Python, how many worker processes), so that changing those makes no trial new.
   */
  default JsonNode identity(ObjectNode resolved) {
    return resolved;
  }

  /** Takes the applied config as it is. */
  TrialResolver IDENTITY = (applied, assignments, problems) -> applied;
}
