package dev.rlx.core.model;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** What an {@code expect} entry claims about its groups' means: one kind per record. */
public sealed interface Claim {

  /** The claim's key in the spec. */
  String key();

  /** The group values the claim names, each of which the sweep must produce (none by default). */
  default List<Located> groupsNamed() {
    return List.of();
  }

  /** {@code argmax_in} / {@code argmin_in}: the group with the highest (lowest) mean is one of these. */
  record Extreme(boolean highest, List<Located> allowed) implements Claim {
    public Extreme {
      allowed = List.copyOf(allowed);
    }

    @Override
    public String key() {
      return highest ? "argmax_in" : "argmin_in";
    }

    @Override
    public List<Located> groupsNamed() {
      return allowed;
    }

    /** The allowed values as the spec wrote them, e.g. {@code [0.5,1.0]}. */
    public String allowedText() {
      ArrayNode array = JsonNodeFactory.instance.arrayNode();
      allowed.forEach(a -> array.add(a.value()));
      return array.toString();
    }
  }

  /** {@code monotone}: the mean increases (or decreases) along the groups. */
  record Monotone(boolean increasing) implements Claim {
    @Override
    public String key() {
      return "monotone";
    }
  }

  /** {@code ordering}: group {@code higher} beats group {@code lower} by at least {@code margin}. */
  record Ordering(Optional<Located> higher, Optional<Located> lower, double margin) implements Claim {
    @Override
    public String key() {
      return "ordering";
    }

    @Override
    public List<Located> groupsNamed() {
      return Stream.of(higher, lower).flatMap(Optional::stream).toList();
    }
  }

  /** {@code within}: every group's mean (or group {@code at}'s) lies in [low, high]. */
  record Within(double low, double high, Optional<Located> at) implements Claim {
    @Override
    public String key() {
      return "within";
    }

    @Override
    public List<Located> groupsNamed() {
      return at.stream().toList();
    }
  }

  /** {@code u_shape}: the lowest mean lies strictly inside the swept range. */
  record UShape() implements Claim {
    @Override
    public String key() {
      return "u_shape";
    }
  }

  /** Every claim key, in the order messages list them. */
  List<String> KEYS = List.of("argmax_in", "argmin_in", "monotone", "ordering", "within", "u_shape");
}
