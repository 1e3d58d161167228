package dev.rlx.sweeps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Expands a {@link SweepDefinition} over a base config into the ordered trial list. A pure
 * function: the same definition and base always give the same trials, ids and order.
 */
public final class SweepExpander {

  private final TrialResolver resolver;

  public SweepExpander(TrialResolver resolver) {
    this.resolver = resolver;
  }

  /** The trials, or the problems that prevent them; never both partially. */
  public record Expansion(List<TrialSpec> trials, List<SweepProblem> problems) {
    public boolean ok() {
      return problems.isEmpty();
    }
  }

  /**
   * Checks the definition's own consistency (zip lengths, paths set twice, distribution
   * bounds) without expanding anything.
   */
  public static List<SweepProblem> check(SweepDefinition sweep) {
    List<SweepProblem> problems = new ArrayList<>();
    if (!sweep.zip().isEmpty()) {
      Axis first = sweep.zip().get(0);
      for (Axis axis : sweep.zip().subList(1, sweep.zip().size())) {
        if (axis.values().size() != first.values().size()) {
          problems.add(new SweepProblem(axis.origin(), "sweep.zip." + axis.path(),
              "zip lists must all have the same length (they are paired by position)",
              first.values().size() + " values, like '" + first.path() + "'",
              axis.values().size() + " values"));
        }
      }
    }
    for (Axis axis : sweep.grid()) {
      requireValues(axis, "sweep.grid.", problems);
    }
    for (Axis axis : sweep.zip()) {
      requireValues(axis, "sweep.zip.", problems);
    }
    checkOverlaps(sweep, problems);
    sweep.random().ifPresent(random -> checkRandom(random, problems));
    if (sweep.seeds().isEmpty()) {
      problems.add(new SweepProblem(sweep.origin(), "sweep.seeds", "no seeds to run",
          "a count ≥ 1 or a non-empty list", "none"));
    }
    return problems;
  }

  /** Expands {@code base} (environment, algorithm, budget, evaluation) by {@code sweep}. */
  public Expansion expand(ObjectNode base, SweepDefinition sweep) {
    List<SweepProblem> problems = new ArrayList<>(check(sweep));
    if (!problems.isEmpty()) {
      return new Expansion(List.of(), problems);
    }
    List<String> variantNames = new ArrayList<>();
    List<List<Assignment>> variantSets = new ArrayList<>();
    if (sweep.variants().isEmpty()) {
      variantNames.add("");
      variantSets.add(List.of());
    }
    for (Variant variant : sweep.variants()) {
      variantNames.add(variant.name());
      List<Assignment> set = new ArrayList<>();
      for (Variant.Override o : variant.overrides()) {
        set.add(new Assignment(o.path(), o.value().value(), Assignment.Operator.VARIANT, o.value().origin()));
      }
      variantSets.add(set);
    }
    List<List<Assignment>> gridSets = cartesian(sweep.grid());
    List<List<Assignment>> zipSets = zipped(sweep.zip());
    List<List<Assignment>> randomSets = sweep.random().map(SweepExpander::sampled).orElse(List.of(List.of()));

    List<TrialSpec> trials = new ArrayList<>();
    Map<String, Integer> indexById = new HashMap<>();
    for (int v = 0; v < variantSets.size(); v++) {
      for (List<Assignment> gridSet : gridSets) {
        for (List<Assignment> zipSet : zipSets) {
          for (List<Assignment> randomSet : randomSets) {
            List<Assignment> assignments = concat(variantSets.get(v), gridSet, zipSet, randomSet);
            for (long seed : sweep.seeds()) {
              ObjectNode applied = base.deepCopy();
              for (Assignment a : assignments) {
                set(applied, a.path(), a.value());
              }
              applied.put("seed", seed);
              ObjectNode resolved = resolver.resolve(applied, assignments, problems::add);
              if (resolved == null) {
                continue;
              }
              String id = CanonicalJson.id(resolver.identity(resolved));
              int index = trials.size();
              Integer earlier = indexById.putIfAbsent(id, index);
              if (earlier != null) {
                problems.add(duplicate(trials.get(earlier), variantNames.get(v), assignments, seed, sweep));
                continue;
              }
              trials.add(new TrialSpec(index, id, variantNames.get(v), assignments, seed, resolved));
            }
          }
        }
      }
    }
    return problems.isEmpty() ? new Expansion(List.copyOf(trials), List.of()) : new Expansion(List.of(), problems);
  }

  /** Sets a dotted path in {@code root}, creating objects along the way. */
  static void set(ObjectNode root, String path, JsonNode value) {
    String[] parts = path.split("\\.");
    ObjectNode node = root;
    for (int i = 0; i < parts.length - 1; i++) {
      JsonNode child = node.get(parts[i]);
      if (!(child instanceof ObjectNode)) {
        child = node.putObject(parts[i]);
      }
      node = (ObjectNode) child;
    }
    node.set(parts[parts.length - 1], value);
  }

  private static List<List<Assignment>> cartesian(List<Axis> axes) {
    List<List<Assignment>> sets = new ArrayList<>();
    sets.add(List.of());
    for (Axis axis : axes) {
      List<List<Assignment>> next = new ArrayList<>(sets.size() * axis.values().size());
      for (List<Assignment> prefix : sets) {
        for (SweepValue value : axis.values()) {
          List<Assignment> set = new ArrayList<>(prefix);
          set.add(new Assignment(axis.path(), value.value(), Assignment.Operator.GRID, value.origin()));
          next.add(set);
        }
      }
      sets = next;
    }
    return sets;
  }

  private static List<List<Assignment>> zipped(List<Axis> axes) {
    if (axes.isEmpty()) {
      return List.of(List.of());
    }
    int length = axes.get(0).values().size();
    List<List<Assignment>> sets = new ArrayList<>(length);
    for (int i = 0; i < length; i++) {
      List<Assignment> set = new ArrayList<>(axes.size());
      for (Axis axis : axes) {
        SweepValue value = axis.values().get(i);
        set.add(new Assignment(axis.path(), value.value(), Assignment.Operator.ZIP, value.origin()));
      }
      sets.add(set);
    }
    return sets;
  }

  private static List<List<Assignment>> sampled(RandomSearch random) {
    SplitMix64 rng = new SplitMix64(random.seed());
    List<List<Assignment>> sets = new ArrayList<>(random.samples());
    for (int i = 0; i < random.samples(); i++) {
      List<Assignment> set = new ArrayList<>(random.parameters().size());
      for (RandomSearch.Parameter p : random.parameters()) {
        set.add(new Assignment(p.path(), p.distribution().sample(rng), Assignment.Operator.RANDOM, p.origin()));
      }
      sets.add(set);
    }
    return sets;
  }

  @SafeVarargs
  private static List<Assignment> concat(List<Assignment>... parts) {
    List<Assignment> all = new ArrayList<>();
    for (List<Assignment> part : parts) {
      all.addAll(part);
    }
    return List.copyOf(all);
  }

  private static void requireValues(Axis axis, String prefix, List<SweepProblem> problems) {
    if (axis.values().isEmpty()) {
      problems.add(new SweepProblem(axis.origin(), prefix + axis.path(), "a swept path needs values",
          "a non-empty list", "an empty list"));
    }
  }

  /** Who sets a path: an operator, or one named variant. */
  private record Claim(String path, String owner, Object origin) {
    boolean overlaps(Claim other) {
      return path.equals(other.path) || path.startsWith(other.path + ".") || other.path.startsWith(path + ".");
    }
  }

  /**
   * A path may be set by one operator only, and so may a path and any path inside it; only
   * different variants may set the same path (that is what variants are for).
   */
  private static void checkOverlaps(SweepDefinition sweep, List<SweepProblem> problems) {
    List<Claim> claims = new ArrayList<>();
    sweep.grid().forEach(a -> claims.add(new Claim(a.path(), "grid", a.origin())));
    sweep.zip().forEach(a -> claims.add(new Claim(a.path(), "zip", a.origin())));
    sweep.random().ifPresent(r -> r.parameters().forEach(p -> claims.add(new Claim(p.path(), "random", p.origin()))));
    for (Variant variant : sweep.variants()) {
      variant.overrides().forEach(o -> claims.add(new Claim(o.path(), "variant " + variant.name(), o.origin())));
    }
    for (int j = 0; j < claims.size(); j++) {
      Claim later = claims.get(j);
      for (Claim earlier : claims.subList(0, j)) {
        boolean bothVariants = earlier.owner().startsWith("variant ") && later.owner().startsWith("variant ");
        if (later.overlaps(earlier) && !(bothVariants && !earlier.owner().equals(later.owner()))) {
          problems.add(new SweepProblem(later.origin(), later.path(),
              "'" + later.path() + "' is set by both " + earlier.owner()
                  + (earlier.path().equals(later.path()) ? "" : " (as '" + earlier.path() + "')") + " and " + later.owner(),
              "each path set by one sweep operator only", "it set twice"));
          break;
        }
      }
    }
  }

  private static void checkRandom(RandomSearch random, List<SweepProblem> problems) {
    if (random.samples() < 1) {
      problems.add(new SweepProblem(random.origin(), "sweep.random.samples", "random search needs samples",
          "an integer ≥ 1", Integer.toString(random.samples())));
    }
    for (RandomSearch.Parameter p : random.parameters()) {
      p.distribution().check("sweep.random.params." + p.path(), p.origin()).ifPresent(problems::add);
    }
  }

  private static SweepProblem duplicate(
      TrialSpec earlier, String variant, List<Assignment> assignments, long seed, SweepDefinition sweep) {
    Object origin = assignments.isEmpty() ? sweep.origin() : assignments.get(assignments.size() - 1).origin();
    return new SweepProblem(origin, "sweep",
        "two trials would run the identical configuration (a repeated value, or a variant that changes nothing)",
        "distinct configurations",
        "trial #" + earlier.index() + " (" + label(earlier.variant(), earlier.assignments(), earlier.seed())
            + ") again as " + label(variant, assignments, seed));
  }

  private static String label(String variant, List<Assignment> assignments, long seed) {
    StringBuilder s = new StringBuilder();
    if (!variant.isEmpty()) {
      s.append("variant ").append(variant).append(", ");
    }
    for (Assignment a : assignments) {
      if (a.operator() != Assignment.Operator.VARIANT) {
        s.append(a.path()).append('=').append(a.value()).append(", ");
      }
    }
    return s.append("seed ").append(seed).toString();
  }
}
