package dev.rlx.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rlx.core.spec.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every error class, each from a spec under src/test/resources/invalid/, reported at the line
 * and column where the mistake is, with its dotted path and a message saying what is wrong.
 */
class InvalidSpecsTest {

  private static final Path DIR = Path.of("src/test/resources/invalid");
  private static final ExperimentPlanner PLANNER = TestPlanners.shipped();

  private static List<Problem> problems(String file) {
    PlanResult result = PLANNER.plan(DIR.resolve(file), file, ExperimentPlanner.DEFAULT_MAX_TRIALS);
    assertThat(result.ok()).as("%s must be rejected", file).isFalse();
    assertThat(result.plan()).isEmpty();
    return result.problems();
  }

  @ParameterizedTest(name = "{0} → {1} {2}")
  @CsvSource(delimiter = '|', textBlock = """
      yaml-syntax.yaml                     | 3:10 |                                                  | invalid YAML: expected ',' or '}'
      not-utf8.yaml                        | 2:17 |                                                  | not valid UTF-8
      empty.yaml                           | 1:1  |                                                  | the file is empty
      multiple-documents.yaml              | 6:1  |                                                  | more than one YAML document
      duplicate-key.yaml                   | 7:5  | algorithm.params.gae_lambda                      | duplicate key 'gae_lambda'
      alias-bomb.yaml                      | 10:12| f[1]                                             | alias bomb
      scalar-alias.yaml                    | 7:9  | algorithm.params["<<"]                           | alias *gamma refers to no anchored mapping or list
      unknown-top-level-key.yaml           | 7:1  | sweeep                                           | unknown key 'sweeep'
      missing-required.yaml                | 1:1  | budget                                           | missing required key 'budget'
      wrong-type.yaml                      | 4:21 | budget.env_steps                                 | wrong type
      bad-name.yaml                        | 1:7  | name                                             | not a valid value
      enum-value.yaml                      | 7:18 | executor.type                                    | not an allowed value
      slurm-extra-arg.yaml                 | 7:38 | executor.extra_args[0]                           | not a valid value
      unknown-algorithm.yaml               | 3:17 | algorithm.id                                     | unknown algorithm 'ppoo'
      unknown-parameter.yaml               | 5:25 | algorithm.params.gae_lamda                       | 'gae_lamda' is not a parameter of algorithm 'ppo'
      parameter-out-of-range.yaml          | 5:37 | algorithm.params.gae_lambda                      | invalid value for parameter 'gae_lambda'
      parameter-wrong-type.yaml            | 5:22 | algorithm.params.num_envs                        | invalid value for parameter 'num_envs'
      grid-value-out-of-range.yaml         | 9:46 | sweep.grid["algorithm.params.gae_lambda"][2]     | invalid value for parameter 'gae_lambda'
      sweep-path-addresses-nothing.yaml    | 9:5  | sweep.grid["algorithm.params.gae_lamda"]         | 'gae_lamda' is not a parameter of ppo
      zip-unequal-lengths.yaml             | 10:5 | sweep.zip["algorithm.params.clip_eps"]           | zip lists must all have the same length
      path-swept-twice.yaml                | 11:5 | sweep.zip["algorithm.params.lr"]                 | is set by both grid and zip
      variant-unknown-algorithm.yaml       | 10:25| sweep.variants.dqn["algorithm.id"]               | unknown algorithm 'dqnn'
      variant-parameter-not-declared.yaml  | 5:25 | algorithm.params.gae_lambda                      | 'gae_lambda' is not a parameter of algorithm 'dqn'
      random-bad-bounds.yaml               | 11:7 | sweep.random.params["algorithm.params.lr"]       | log_uniform needs positive, increasing bounds
      too-many-trials.yaml                 | 7:1  | sweep                                            | expands to 11,000 trials, above the limit
      two-billion-seeds.yaml               | 7:1  | sweep                                            | expands to 2,000,000,000 trials, above the limit
      duplicate-trials.yaml                | 9:40 | sweep.grid["algorithm.params.gae_lambda"][1]     | identical configuration
      expect-inconsistent.yaml             | 11:31| expect[0].by                                     | 'algorithm.params.clip_eps' is not swept
      report-inconsistent.yaml             | 12:24| report.figures[0].x                              | not a training axis
      match-unknown-opponent.yaml          | 6:12 | match.opponents[0].id                            | unknown opponent 'rnadom'
      match-opponent-not-a-player.yaml     | 6:12 | match.opponents[0].id                            | opponent 'ppo' trains, it does not play games
      match-axis-not-swept.yaml            | 8:16 | match.round_robin                                | 'algorithm.params.simulations' is not swept
      match-round-robin-alone.yaml         | 5:16 | match.round_robin                                | needs two or more entrants that differ only there
      match-zero-games.yaml                | 6:10 | match.games                                      | out of range
      match-nobody-to-play.yaml            | 4:1  | match                                            | a match needs someone to play
      match-with-seeds.yaml                | 5:3  | sweep.seeds                                      | a match seeds each game by its number
      match-opponent-parameter.yaml        | 6:39 | match.opponents[0].params.simulations            | invalid value for parameter 'simulations'
      match-opponents-same-name.yaml       | 7:7  | match.opponents[1]                               | two opponents are named 'random'
      player-without-match.yaml            | 3:17 | algorithm.id                                     | algorithm 'uct' plays games
      """)
  void reportsTheFirstProblemWhereItIs(String file, String position, String path, String message) {
    Problem first = problems(file).get(0);
    assertThat(first.file()).isEqualTo(file);
    assertThat(first.position().toString()).isEqualTo(position);
    assertThat(first.path()).isEqualTo(path == null ? "" : path);
    assertThat(first.message()).contains(message);
    assertThat(first.render()).startsWith(file + ":" + position + ": ");
  }

  @Test
  void coversEveryInvalidExampleShipped() throws IOException {
    try (Stream<Path> files = Files.list(DIR)) {
      assertThat(files.map(p -> p.getFileName().toString()).sorted()).hasSize(40);
    }
  }

  @Test
  void reportsAllProblemsAtOnce() {
    assertThat(problems("many-problems.yaml")).extracting(p -> p.position() + " " + p.path()).containsExactly(
        "1:7 name",
        "2:19 environment.id",
        "5:24 algorithm.params.gae_lambda",
        "5:39 algorithm.params.clip_eps",
        "6:21 budget.env_steps",
        "7:28 resources.gpus",
        "7:41 resources.timeout",
        "9:10 sweep.seeds");
  }

  @Test
  void saysWhatWasExpectedAndFound() {
    Problem p = problems("parameter-out-of-range.yaml").get(0);
    assertThat(p.expected()).isEqualTo("a number in [0, 1]");
    assertThat(p.found()).isEqualTo("1.5");
  }

  @Test
  void suggestsTheClosestNameForMisspellings() {
    assertThat(problems("unknown-top-level-key.yaml").get(0).hint()).isEqualTo("did you mean 'sweep'?");
    assertThat(problems("unknown-algorithm.yaml").get(0).hint()).isEqualTo("did you mean 'ppo'?");
    assertThat(problems("unknown-parameter.yaml").get(0).hint()).isEqualTo("did you mean 'gae_lambda'?");
    assertThat(problems("enum-value.yaml").get(0).hint()).isEqualTo("did you mean 'slurm'?");
    assertThat(problems("sweep-path-addresses-nothing.yaml").get(0).hint())
        .isEqualTo("did you mean 'algorithm.params.gae_lambda'?");
    assertThat(problems("report-inconsistent.yaml").get(0).hint()).isEqualTo("did you mean 'env_steps'?");
  }

  @Test
  void reportsEachBadSweepPathAndEachClaim() {
    assertThat(problems("sweep-path-addresses-nothing.yaml")).extracting(Problem::path)
        .containsExactly("sweep.grid[\"algorithm.params.gae_lamda\"]", "sweep.grid[\"optimizer.lr\"]");
    assertThat(problems("expect-inconsistent.yaml")).extracting(Problem::message).containsExactly(
        "'algorithm.params.clip_eps' is not swept, so it cannot group trials",
        "a check states exactly one claim",
        "not a value that 'algorithm.params.gae_lambda' takes");
    assertThat(problems("random-bad-bounds.yaml")).hasSize(2);
    assertThat(problems("parameter-wrong-type.yaml")).hasSize(2);
  }

  @Test
  void raisingTheTrialCapAcceptsALargeSweep() {
    PlanResult result = PLANNER.plan(DIR.resolve("too-many-trials.yaml"), "too-many-trials.yaml", 11_000);
    assertThat(result.problems()).isEmpty();
    assertThat(result.plan().orElseThrow().trials()).hasSize(11_000);
  }
}
