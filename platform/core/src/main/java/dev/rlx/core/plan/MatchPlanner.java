package dev.rlx.core.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rlx.api.PluginDescriptor;
import dev.rlx.api.PluginKind;
import dev.rlx.core.model.ExperimentSpec;
import dev.rlx.core.model.Located;
import dev.rlx.core.plugins.PluginCatalog;
import dev.rlx.core.report.checks.SweptValues;
import dev.rlx.core.spec.Origin;
import dev.rlx.core.spec.ProblemList;
import dev.rlx.core.spec.SourceMap;
import dev.rlx.core.spec.SpecPath;
import dev.rlx.core.spec.Suggestions;
import dev.rlx.sweeps.Assignment;
import dev.rlx.sweeps.CanonicalJson;
import dev.rlx.sweeps.SweepProblem;
import dev.rlx.sweeps.TrialSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Match play (references.md §5.2): the sweep's trials are the entrants, and each becomes the
 * games it plays — against every entrant of its round robin and every fixed opponent,
 * {@code match.games} games per pairing, the agent moving first in even-numbered games, each
 * game seeded by its number. A game is a trial like any other: planned, stored, resumed and
 * run in parallel by the same machinery.
 *
 * <p>A game's config is its entrant's (environment, algorithm) plus
 * {@code match: {agent, opponent, opponent_algorithm, agent_moves_first, game}}; claims and figures
 * group and filter by {@code match.opponent} and {@code match.agent_moves_first}.
 */
final class MatchPlanner {

  private final PluginCatalog catalog;
  private final SourceMap sources;
  private final TrialConfigResolver resolver;

  MatchPlanner(PluginCatalog catalog, SourceMap sources, TrialConfigResolver resolver) {
    this.catalog = catalog;
    this.sources = sources;
    this.resolver = resolver;
  }

  /** A resolved fixed opponent. */
  record ResolvedOpponent(String name, ObjectNode algorithm) {}

  /**
   * Checks the {@code match} section before expansion: something to play, a swept round-robin
   * path, no seeds or budget (games are seeded by number and end by the rules), and every
   * opponent a known player with valid parameters and a name of its own.
   *
   * @return the resolved opponents, or empty after reporting problems
   */
  Optional<List<ResolvedOpponent>> check(ExperimentSpec spec, JsonNode root, SweptValues swept, ProblemList problems) {
    ExperimentSpec.Match match = spec.match().orElseThrow();
    boolean ok = true;
    if (match.roundRobin().isEmpty() && match.opponents().isEmpty()) {
      problems.add(match.at().position(), match.at().path(), "a match needs someone to play",
          "round_robin (a swept path along which entrants play each other), opponents (a list of players), or both",
          "neither", null);
      ok = false;
    }
    if (match.roundRobin().isPresent()) {
      Located path = match.roundRobin().get();
      ok &= swept.checkGroupKey(path.value(), path.at(), problems);
    }
    if (root.path("sweep").has("seeds")) {
      SpecPath at = SpecPath.ROOT.key("sweep").key("seeds");
      problems.add(sources.keyAt(at), at, "a match seeds each game by its number, not by sweep.seeds",
          "no sweep.seeds in a spec with a match (match.games sets how many games each pairing plays)", "sweep.seeds", null);
      ok = false;
    }
    if (root.has("budget")) {
      SpecPath at = SpecPath.ROOT.key("budget");
      problems.add(sources.keyAt(at), at, "a game of a match has no training budget: it runs to its end",
          "no budget in a spec with a match (the players' search budgets are their parameters, e.g. algorithm.params.simulations)",
          "budget", null);
      ok = false;
    }
    List<ResolvedOpponent> resolved = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (ExperimentSpec.Opponent opponent : match.opponents()) {
      SpecPath at = SpecPath.ROOT.key("match").key("opponents").index(opponent.index());
      String id = opponent.plugin().path("id").asText();
      Optional<PluginDescriptor> descriptor = catalog.find(PluginKind.ALGORITHM, id);
      if (descriptor.isEmpty() || !descriptor.get().plays()) {
        List<String> players = players();
        problems.add(sources.valueAt(at.key("id")), at.key("id"),
            descriptor.isEmpty() ? "unknown opponent '" + id + "'" : "opponent '" + id + "' trains, it does not play games",
            "a player: one of " + String.join(", ", players), "'" + id + "'",
            descriptor.isEmpty() ? Suggestions.hint(id, players) : null);
        ok = false;
        continue;
      }
      if (!names.add(opponent.name())) {
        SpecPath nameAt = opponent.plugin().has("name") ? at.key("name") : at;
        problems.add(sources.valueAt(at), nameAt, "two opponents are named '" + opponent.name() + "'",
            "a distinct name for each opponent (name: …; it defaults to the id)", "'" + opponent.name() + "' again", null);
        ok = false;
        continue;
      }
      Optional<ObjectNode> algorithm = resolver.resolveOpponent(opponent.plugin(), at, p -> report(p, problems));
      if (algorithm.isEmpty()) {
        ok = false;
        continue;
      }
      resolved.add(new ResolvedOpponent(opponent.name(), algorithm.get()));
    }
    return ok ? Optional.of(resolved) : Optional.empty();
  }

  /**
   * Refuses a player outside a match, or a learner inside one: reported once per algorithm id, at
   * the value that chose it.
   */
  boolean checkPlayers(ExperimentSpec spec, List<TrialSpec> trials, ProblemList problems) {
    Set<String> reported = new HashSet<>();
    boolean ok = true;
    for (TrialSpec trial : trials) {
      String id = trial.config().path("algorithm").path("id").asText();
      boolean plays = catalog.find(PluginKind.ALGORITHM, id).map(PluginDescriptor::plays).orElse(false);
      if (plays == spec.match().isPresent() || !reported.add(id)) {
        continue;
      }
      Origin at = trial.assignments().stream().filter(a -> a.path().equals("algorithm.id")).map(a -> (Origin) a.origin())
          .findFirst().orElse(Origin.value(sources, SpecPath.ROOT.key("algorithm").key("id")));
      if (plays) {
        problems.add(at.position(), at.path(), "algorithm '" + id + "' plays games: it needs a match saying whom it plays",
            "a match section, e.g. match: {opponents: [{id: random}], games: 100}", "no match section",
            "docs/spec.md, \"Match play\"");
      } else {
        problems.add(at.position(), at.path(), "algorithm '" + id + "' trains; a match needs players",
            "a player: one of " + String.join(", ", players()), "'" + id + "'", null);
      }
      ok = false;
    }
    return ok;
  }

  /** The games the entrants play, in plan order: entrant by entrant, opponent by opponent, game by game. */
  List<TrialSpec> games(ExperimentSpec spec, List<TrialSpec> entrants, List<ResolvedOpponent> fixed, ProblemList problems,
      long maxTrials) {
    ExperimentSpec.Match match = spec.match().orElseThrow();
    List<String> names = entrantNames(entrants);
    Optional<String> roundRobin = match.roundRobin().map(r -> r.value().asText());
    // Round-robin pools: entrants equal in every swept value but the round robin's.
    Map<String, List<Integer>> pools = new LinkedHashMap<>();
    for (int i = 0; i < entrants.size(); i++) {
      String key = roundRobin.isPresent() ? poolKey(entrants.get(i), roundRobin.get()) : "";
      pools.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
    }
    if (roundRobin.isPresent() && pools.values().stream().anyMatch(pool -> pool.size() < 2)) {
      Origin at = match.roundRobin().get().at();
      problems.add(at.position(), at.path(), "a round robin along '" + roundRobin.get() + "' needs two or more entrants that differ only there",
          "a sweep with at least two values of " + roundRobin.get() + " for every combination of the other swept values",
          pools.size() + " round robin" + (pools.size() == 1 ? "" : "s") + " with " + pools.values().stream().map(List::size).toList()
              + " entrants", null);
      return List.of();
    }
    long pairings = 0;
    for (List<Integer> pool : pools.values()) {
      pairings += roundRobin.isPresent() ? (long) pool.size() * (pool.size() - 1) : 0;
    }
    pairings += (long) entrants.size() * fixed.size();
    long total = pairings * match.games();
    if (total > maxTrials) {
      problems.add(match.gamesAt().position(), match.gamesAt().path(), "the match plays " + String.format("%,d", total)
          + " games (" + pairings + " pairings × " + match.games() + "), above the limit", "at most " + maxTrials + " games",
          String.format("%,d", total), "play fewer games, sweep fewer entrants, or raise the limit with --max-trials " + total);
      return List.of();
    }
    Set<String> entrantNames = new HashSet<>(names);
    for (ResolvedOpponent opponent : fixed) {
      if (entrantNames.contains(opponent.name())) {
        ExperimentSpec.Opponent written = match.opponents().stream().filter(o -> o.name().equals(opponent.name())).findFirst().orElseThrow();
        problems.add(written.at().position(), written.at().path(), "opponent '" + opponent.name() + "' has the name of an entrant",
            "a name no entrant has (entrants: " + String.join(", ", names) + ")", "'" + opponent.name() + "'",
            "give it a name: …");
        return List.of();
      }
    }
    List<TrialSpec> games = new ArrayList<>();
    for (int i = 0; i < entrants.size(); i++) {
      final int self = i;
      TrialSpec entrant = entrants.get(i);
      List<ResolvedOpponent> opponents = new ArrayList<>();
      if (roundRobin.isPresent()) {
        for (List<Integer> pool : pools.values()) {
          if (pool.contains(self)) {
            pool.stream().filter(j -> j != self).forEach(j -> opponents.add(
                new ResolvedOpponent(names.get(j), (ObjectNode) entrants.get(j).config().get("algorithm"))));
          }
        }
      }
      opponents.addAll(fixed);
      for (ResolvedOpponent opponent : opponents) {
        for (int g = 0; g < match.games(); g++) {
          ObjectNode config = JsonNodeFactory.instance.objectNode();
          config.set("environment", entrant.config().get("environment").deepCopy());
          config.set("algorithm", entrant.config().get("algorithm").deepCopy());
          ObjectNode game = config.putObject("match");
          game.put("agent", names.get(self));
          game.put("opponent", opponent.name());
          game.set("opponent_algorithm", opponent.algorithm().deepCopy());
          game.put("agent_moves_first", g % 2 == 0);
          game.put("game", g);
          config.putObject("budget").put("episodes", 1);
          config.put("seed", (long) g);
          String id = CanonicalJson.id(resolver.identity(config));
          games.add(new TrialSpec(games.size(), id, entrant.variant(), entrant.assignments(), g, config));
        }
      }
    }
    return games;
  }

  /**
   * How claims, filters and figures name each entrant: its variant and what the sweep set, by
   * the last segment of each path (the whole path where two would read alike); the algorithm's
   * id when the sweep sets nothing.
   */
  static List<String> entrantNames(List<TrialSpec> entrants) {
    Set<String> clashing = new HashSet<>();
    Map<String, String> leafOwner = new LinkedHashMap<>();
    for (TrialSpec e : entrants) {
      for (Assignment a : e.assignments()) {
        String previous = leafOwner.putIfAbsent(leaf(a.path()), a.path());
        if (previous != null && !previous.equals(a.path())) {
          clashing.add(leaf(a.path()));
        }
      }
    }
    List<String> names = new ArrayList<>();
    for (TrialSpec e : entrants) {
      List<String> parts = new ArrayList<>();
      if (!e.variant().isEmpty()) {
        parts.add(e.variant());
      }
      for (Assignment a : e.assignments()) {
        if (a.operator() != Assignment.Operator.VARIANT) {
          String leaf = leaf(a.path());
          parts.add((clashing.contains(leaf) ? a.path() : leaf) + "=" + label(a.value()));
        }
      }
      names.add(parts.isEmpty() ? e.config().path("algorithm").path("id").asText() : String.join(", ", parts));
    }
    return names;
  }

  /** The entrant's swept values other than the round robin's: entrants with equal keys play each other. */
  private static String poolKey(TrialSpec entrant, String roundRobin) {
    StringBuilder key = new StringBuilder();
    if (!roundRobin.equals(SweptValues.VARIANT)) {
      key.append(entrant.variant()).append('\u0000');
    }
    for (Assignment a : entrant.assignments()) {
      if (a.operator() != Assignment.Operator.VARIANT && !a.path().equals(roundRobin)) {
        key.append(a.path()).append('=').append(a.value()).append('\u0000');
      }
    }
    return key.toString();
  }

  private List<String> players() {
    return catalog.byKind(PluginKind.ALGORITHM).values().stream().filter(PluginDescriptor::plays).map(PluginDescriptor::id)
        .sorted().toList();
  }

  private static String leaf(String path) {
    return path.substring(path.lastIndexOf('.') + 1);
  }

  private static String label(JsonNode value) {
    return value.isValueNode() ? value.asText() : value.toString();
  }

  private static void report(SweepProblem p, ProblemList problems) {
    Origin o = (Origin) p.origin();
    problems.add(o.position(), o.path(), p.message(), p.expected(), p.found(), p.hint());
  }
}
