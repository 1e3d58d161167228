package dev.rlx.core.report.match;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rlx.core.plan.ExperimentPlan;
import dev.rlx.sweeps.TrialSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;

/**
 * The finished games of a match, tallied per pair of players: points (wins plus half the
 * draws), wins, draws and losses, from both orientations of each pairing, and the players'
 * Bradley–Terry ratings. Players are the entrants in plan order, then the fixed opponents.
 */
public final class MatchResults {

  /** The rating metric a claim may name: each player's Bradley–Terry rating, Elo scale. */
  public static final String RATING = "match/rating";

  /** The per-game score, from the agent's side: 1 win, ½ draw, 0 loss. */
  public static final String SCORE = "match/score";

  private final List<String> players;
  private final Map<String, TrialSpec> firstGameAsAgent;
  private final double[][] points;
  private final int[][] games;
  private final int[][] wins;
  private final int[][] draws;
  private final int played;
  private final int missing;

  private MatchResults(List<String> players, Map<String, TrialSpec> firstGameAsAgent, double[][] points, int[][] games,
      int[][] wins, int[][] draws, int played, int missing) {
    this.players = players;
    this.firstGameAsAgent = firstGameAsAgent;
    this.points = points;
    this.games = games;
    this.wins = wins;
    this.draws = draws;
    this.played = played;
    this.missing = missing;
  }

  /** Whether the plan is a match (its trials are games). */
  public static boolean isMatch(ExperimentPlan plan) {
    return plan.spec().match().isPresent();
  }

  /**
   * Tallies the games of {@code plan} that have a score; {@code scoreOf} reads a game's final
   * {@link #SCORE} by trial id (empty when it has not finished).
   */
  public static MatchResults of(ExperimentPlan plan, Function<String, OptionalDouble> scoreOf) {
    List<String> players = new ArrayList<>();
    Map<String, TrialSpec> asAgent = new LinkedHashMap<>();
    for (TrialSpec trial : plan.trials()) {
      String agent = trial.config().path("match").path("agent").asText();
      if (asAgent.putIfAbsent(agent, trial) == null) {
        players.add(agent);
      }
    }
    for (TrialSpec trial : plan.trials()) {
      String opponent = trial.config().path("match").path("opponent").asText();
      if (!players.contains(opponent)) {
        players.add(opponent);
      }
    }
    int k = players.size();
    double[][] points = new double[k][k];
    int[][] games = new int[k][k];
    int[][] wins = new int[k][k];
    int[][] draws = new int[k][k];
    int played = 0;
    int missing = 0;
    for (TrialSpec trial : plan.trials()) {
      JsonNode match = trial.config().path("match");
      OptionalDouble finalScore = scoreOf.apply(trial.id());
      if (finalScore.isEmpty()) {
        missing++;
        continue;
      }
      played++;
      double score = finalScore.getAsDouble();
      int a = players.indexOf(match.path("agent").asText());
      int b = players.indexOf(match.path("opponent").asText());
      points[a][b] += score;
      points[b][a] += 1 - score;
      games[a][b]++;
      games[b][a]++;
      if (score == 0.5) {
        draws[a][b]++;
        draws[b][a]++;
      } else {
        wins[score == 1 ? a : b][score == 1 ? b : a]++;
      }
    }
    return new MatchResults(List.copyOf(players), asAgent, points, games, wins, draws, played, missing);
  }

  /** The players: entrants in plan order, then fixed opponents. */
  public List<String> players() {
    return players;
  }

  /** A game this player played as the agent (to read its swept values), if it is an entrant. */
  public Optional<TrialSpec> asAgent(String player) {
    return Optional.ofNullable(firstGameAsAgent.get(player));
  }

  /** Games between players {@code a} and {@code b} that finished. */
  public int games(int a, int b) {
    return games[a][b];
  }

  public int wins(int a, int b) {
    return wins[a][b];
  }

  public int draws(int a, int b) {
    return draws[a][b];
  }

  public int losses(int a, int b) {
    return wins[b][a];
  }

  /** a's mean score against b (NaN when they have not played). */
  public double score(int a, int b) {
    return games[a][b] == 0 ? Double.NaN : points[a][b] / games[a][b];
  }

  /** Games played in all, and games planned but not finished. */
  public int played() {
    return played;
  }

  public int missing() {
    return missing;
  }

  /** Each player's games in all. */
  public int gamesOf(int a) {
    int total = 0;
    for (int b = 0; b < players.size(); b++) {
      total += games[a][b];
    }
    return total;
  }

  /** The players' Bradley–Terry ratings, in {@link #players()} order. */
  public List<BradleyTerry.Rating> ratings() {
    int k = players.size();
    double[][] n = new double[k][k];
    for (int a = 0; a < k; a++) {
      for (int b = 0; b < k; b++) {
        n[a][b] = games[a][b];
      }
    }
    return BradleyTerry.fit(points, n);
  }
}
