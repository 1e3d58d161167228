package dev.rlx.cli.match;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rlx.cli.CliRun;
import dev.rlx.cli.InProcessCliTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A tournament as a user runs one: `rlx sweep` plays every game of a round robin plus a fixed
 * opponent as trials, `rlx report` writes the win-rate matrix, the ratings and their tables,
 * claims over ratings and per-game results are judged, and a second run resumes (plays nothing).
 */
class MatchSweepTest extends InProcessCliTest {

  private static final String SPEC = """
      version: 1
      name: ttt-round-robin
      environment: {id: tic-tac-toe}
      algorithm: {id: uct, params: {c: 1.4}}
      sweep:
        grid:
          algorithm.params.simulations: [20, 2000]
      match:
        round_robin: algorithm.params.simulations
        opponents: [{id: random}]
        games: 6
      report:
        figures: [{kind: win_matrix}, {kind: ratings}]
      expect:
        - {metric: match/rating, by: algorithm.params.simulations, argmax_in: [2000]}
        - {metric: match/loss, where: {match.opponent: random}, at: 2000, by: algorithm.params.simulations, within: [0, 0]}
      """;

  @Test
  void aRoundRobinIsPlayedReportedAndResumed() throws Exception {
    Path file = write("ttt.yaml", SPEC);
    CliRun plan = CliRun.of("plan", "--format", "json", file.toString());
    assertThat(plan.exitCode()).as(plan.err()).isZero();
    JsonNode trials = new ObjectMapper().readTree(plan.out()).get("trials");
    // 2 entrants × (1 round-robin partner + random) × 6 games
    assertThat(trials).hasSize(24);
    JsonNode first = trials.get(0).get("config");
    assertThat(first.at("/match/agent").asText()).isEqualTo("simulations=20");
    assertThat(first.at("/match/opponent").asText()).isEqualTo("simulations=2000");
    assertThat(first.at("/match/opponent_algorithm/params/simulations").asInt()).isEqualTo(2000);
    assertThat(first.at("/match/agent_moves_first").asBoolean()).isTrue();
    assertThat(trials.get(1).at("/config/match/agent_moves_first").asBoolean()).isFalse();
    assertThat(trials.get(1).at("/config/seed").asInt()).isEqualTo(1);
    assertThat(trials.get(6).at("/config/match/opponent").asText()).isEqualTo("random");

    CliRun sweep = rlx("sweep", "--check", "--jobs", "2", file.toString());
    assertThat(sweep.exitCode()).as(sweep.out() + sweep.err()).isZero();
    assertThat(sweep.out()).contains("24 completed, 0 failed", "2 of 2 claims held");

    Path report = dir.resolve("report");
    CliRun written = rlx("report", file.toString(), "-o", report.toString());
    assertThat(written.exitCode()).as(written.out() + written.err()).isZero();
    assertThat(report.resolve("figure-1.png")).isNotEmptyFile();
    assertThat(report.resolve("figure-2.svg")).isNotEmptyFile();
    List<String> ratings = Files.readAllLines(report.resolve("ratings.csv"));
    assertThat(ratings).hasSize(4).first().isEqualTo("player,games,rating,ci95");
    // 6 games as agent and 6 as opponent against simulations=2000, 6 against random
    assertThat(ratings.get(1)).startsWith("simulations=20,18,");
    List<String> pairs = Files.readAllLines(report.resolve("match.csv"));
    assertThat(pairs).first().isEqualTo("player,opponent,games,wins,draws,losses,score");
    assertThat(pairs).anyMatch(line -> line.startsWith("simulations=2000,random,6,"));
    assertThat(Files.readString(report.resolve("index.html"))).contains("<h2>Match</h2>", "24 games played");

    CliRun again = rlx("sweep", file.toString());
    assertThat(again.exitCode()).as(again.out() + again.err()).isZero();
    assertThat(again.out()).contains("24 already completed");
  }
}
