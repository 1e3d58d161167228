package dev.rlx.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rlx.sweeps.TrialSpec;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * How a match's entrants become games: round robins split by the other swept values, fixed
 * opponents resolved with their defaults, colours alternating with the game's number, every
 * game a trial with an id of its own that a second planning gives again.
 */
class MatchPlannerTest {

  private final ExperimentPlanner planner = TestPlanners.shipped();

  private List<TrialSpec> games(String yaml) {
    PlanResult result = planner.plan(yaml, "match.yaml", ExperimentPlanner.DEFAULT_MAX_TRIALS);
    assertThat(result.problems()).extracting(p -> p.render()).isEmpty();
    return result.plan().orElseThrow().trials();
  }

  private static final String TWO_AXES = """
      name: pools
      environment: {id: connect-four}
      algorithm: {id: uct}
      sweep:
        grid:
          algorithm.params.simulations: [100, 200]
          algorithm.params.c: [0.5, 1.0, 2.0]
      match:
        round_robin: algorithm.params.c
        opponents: [{name: rand, id: random}]
        games: 4
      """;

  @Test
  void aRoundRobinPlaysOnlyEntrantsThatDifferInItsPath() {
    List<TrialSpec> games = games(TWO_AXES);
    // 6 entrants, each against the 2 others of its simulation budget and against rand, 4 games each
    assertThat(games).hasSize(6 * 3 * 4);
    for (TrialSpec game : games) {
      JsonNode config = game.config();
      String opponent = config.at("/match/opponent").asText();
      if (!opponent.equals("rand")) {
        assertThat(config.at("/match/opponent_algorithm/params/simulations"))
            .as("a round-robin partner has the agent's budget").isEqualTo(config.at("/algorithm/params/simulations"));
        assertThat(config.at("/match/opponent_algorithm/params/c")).isNotEqualTo(config.at("/algorithm/params/c"));
        assertThat(opponent).startsWith("simulations=" + config.at("/algorithm/params/simulations").asInt() + ", c=");
      }
      assertThat(config.at("/match/agent_moves_first").asBoolean()).isEqualTo(game.seed() % 2 == 0);
      assertThat(config.at("/budget/episodes").asInt()).isEqualTo(1);
    }
  }

  @Test
  void aFixedOpponentIsResolvedWithItsDefaultsAndNamed() {
    JsonNode config = games(TWO_AXES).get(8).config();
    assertThat(config.at("/match/opponent").asText()).isEqualTo("rand");
    assertThat(config.at("/match/opponent_algorithm/id").asText()).isEqualTo("random");
    JsonNode uct = games("""
        name: fixed
        environment: {id: tic-tac-toe}
        algorithm: {id: random}
        match:
          opponents: [{id: uct, params: {simulations: 50}}]
          games: 2
        """).get(0).config();
    assertThat(uct.at("/match/opponent_algorithm/params/simulations").asInt()).isEqualTo(50);
    assertThat(uct.at("/match/opponent_algorithm/params/c").asDouble()).as("the default").isEqualTo(1.4);
    assertThat(uct.at("/match/agent").asText()).as("an entrant the sweep sets nothing for is its id").isEqualTo("random");
  }

  @Test
  void everyGameHasItsOwnIdAndPlanningAgainGivesTheSame() {
    List<TrialSpec> first = games(TWO_AXES);
    Set<String> ids = first.stream().map(TrialSpec::id).collect(Collectors.toSet());
    assertThat(ids).hasSize(first.size());
    assertThat(games(TWO_AXES)).extracting(TrialSpec::id).containsExactlyElementsOf(first.stream().map(TrialSpec::id).toList());
  }

  @Test
  void tooManyGamesAreRefusedBeforeAnyIsMade() {
    PlanResult result = planner.plan(TWO_AXES.replace("games: 4", "games: 1000000"), "match.yaml", 10_000);
    assertThat(result.ok()).isFalse();
    assertThat(result.problems().get(0).message()).contains("the match plays 18,000,000 games (18 pairings × 1000000)");
    assertThat(result.problems().get(0).path()).isEqualTo("match.games");
  }
}
