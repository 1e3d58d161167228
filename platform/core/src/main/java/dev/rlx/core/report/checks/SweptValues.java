package dev.rlx.core.report.checks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import dev.rlx.core.model.ExperimentSpec;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.rlx.core.spec.Origin;
import dev.rlx.core.spec.ProblemList;
import dev.rlx.core.spec.Suggestions;
import dev.rlx.sweeps.SweepDefinition;
import dev.rlx.sweeps.SweepValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a sweep varies, as figures and claims may group by it: each grid and zip path with the
 * values it takes, each random path and variant override (values unknown in advance: null), and
 * 'variant' with the variants' names.
 */
public final class SweptValues {

  /** The pseudo-path that groups trials by variant name. */
  public static final String VARIANT = "variant";

  private final Map<String, List<JsonNode>> values = new LinkedHashMap<>();

  public SweptValues(SweepDefinition sweep) {
    sweep.grid().forEach(a -> values.put(a.path(), a.values().stream().map(SweepValue::value).toList()));
    sweep.zip().forEach(a -> values.put(a.path(), a.values().stream().map(SweepValue::value).toList()));
    sweep.random().ifPresent(r -> r.parameters().forEach(p -> values.put(p.path(), null)));
    if (!sweep.variants().isEmpty()) {
      values.put(VARIANT, sweep.variants().stream()
          .map(v -> (JsonNode) JsonNodeFactory.instance.textNode(v.name())).toList());
      sweep.variants().forEach(v -> v.overrides().forEach(o -> values.putIfAbsent(o.path(), null)));
    }
  }

  /**
   * What a match adds: its games group and filter by opponent (the names of fixed opponents; a
   * round robin's entrants are named once the sweep is expanded) and by who moved first.
   */
  public SweptValues withMatch(ExperimentSpec.Match match) {
    boolean named = match.roundRobin().isEmpty();
    values.put("match.opponent", named
        ? match.opponents().stream().map(o -> (JsonNode) JsonNodeFactory.instance.textNode(o.name())).toList() : null);
    values.put("match.agent_moves_first", List.of(BooleanNode.TRUE, BooleanNode.FALSE));
    return this;
  }

  /** The values {@code path} takes, or null when they are not known before expansion. */
  List<JsonNode> values(String path) {
    return values.get(path);
  }

  /** "one of a, b", or nothing when the sweep varies nothing; for messages. */
  String oneOf(String before) {
    return values.isEmpty() ? "" : before + "one of " + String.join(", ", values.keySet());
  }

  /** Whether {@code key} names a swept path; reports it at {@code at} when it does not. */
  public boolean checkGroupKey(JsonNode key, Origin at, ProblemList problems) {
    if (!key.isTextual()) {
      return false;
    }
    if (values.containsKey(key.asText())) {
      return true;
    }
    problems.add(at.position(), at.path(), "'" + key.asText() + "' is not swept, so it cannot group trials",
        values.isEmpty() ? "a swept path (this spec sweeps nothing but seeds)" : "one of " + String.join(", ", values.keySet()),
        "'" + key.asText() + "'", Suggestions.hint(key.asText(), values.keySet()));
    return false;
  }

  boolean checkGroupKey(String key, Origin at, ProblemList problems) {
    return checkGroupKey(JsonNodeFactory.instance.textNode(key), at, problems);
  }

  /** Reports {@code value} at its origin unless it is one of the values {@code path} takes (when known). */
  void checkTaken(String path, JsonNode value, Origin at, ProblemList problems) {
    List<JsonNode> taken = values.get(path);
    if (taken != null && !contains(taken, value)) {
      problems.add(at.position(), at.path(), "not a value that '" + path + "' takes", "one of " + taken, value.toString(), null);
    }
  }

  /** Membership with numbers compared by value, so 1 matches 1.0. */
  static boolean contains(List<JsonNode> values, JsonNode value) {
    for (JsonNode v : values) {
      if (v.equals(value) || (v.isNumber() && value.isNumber() && v.asDouble() == value.asDouble())) {
        return true;
      }
    }
    return false;
  }
}
