package dev.rlx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rlx.cli.console.ExitCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RlxCommandTest {

  private static final String EXPERIMENTS = "../../experiments/";
  private static final String INVALID = "../core/src/test/resources/invalid/";

  @Nested
  class Help {
    @Test
    void listsEveryCommandWithExamples() {
      CliRun run = CliRun.of("--help");
      assertThat(run.exitCode()).isZero();
      assertThat(run.out()).contains("validate", "plan", "describe", "sweep", "Examples:", "Exit codes:");
    }

    @ParameterizedTest
    @ValueSource(strings = {"validate", "plan", "describe", "sweep", "status", "runs", "export"})
    void isCompleteForEachSubcommand(String command) {
      CliRun run = CliRun.of(command, "--help");
      assertThat(run.exitCode()).isZero();
      assertThat(run.out()).contains("Usage: rlx " + command, "Exit codes:");
    }

    /** picocli formats help text with String.format: a stray "%" prints a WARN and garbles the text. */
    @ParameterizedTest
    @ValueSource(strings = {"validate", "plan", "describe", "sweep", "status", "runs", "export", "report", "store",
        "mlflow", "worker"})
    void rendersEverySubcommandsHelpWithoutFormatWarnings(String command) {
      java.io.PrintStream systemErr = System.err;
      java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
      CliRun run;
      try {
        System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        run = CliRun.of(command, "--help");
      } finally {
        System.setErr(systemErr);
      }
      assertThat(run.exitCode()).isZero();
      assertThat(captured.toString(java.nio.charset.StandardCharsets.UTF_8) + run.err()).doesNotContain("WARN");
      assertThat(run.out()).doesNotContain("%n");
    }

    @Test
    void versionNamesTheBuild() {
      CliRun run = CliRun.of("--version");
      assertThat(run.exitCode()).isZero();
      assertThat(run.out()).startsWith("rlx 0.1.0").contains("Java 17");
    }

    @Test
    void badUsageIsInvalidInput() {
      CliRun run = CliRun.of("plan", "--format", "xml", EXPERIMENTS + "gae-lambda.yaml");
      assertThat(run.exitCode()).isEqualTo(ExitCode.INVALID_INPUT.code());
      assertThat(run.err()).contains("--format", "xml");
    }
  }

  @Nested
  class Validate {
    @Test
    void acceptsEveryShippedExperiment() throws Exception {
      List<String> args = new ArrayList<>(List.of("validate"));
      try (Stream<Path> files = Files.list(Path.of(EXPERIMENTS))) {
        files.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(p -> args.add(p.toString()));
      }
      CliRun run = CliRun.of(args.toArray(String[]::new));
      assertThat(run.err()).isEmpty();
      assertThat(run.exitCode()).isZero();
      assertThat(run.out()).contains("gae-lambda, 30 trials").contains((args.size() - 1) + " of " + (args.size() - 1) + " specs valid");
    }

    @Test
    void rejectsEveryInvalidExampleWithExitCodeTwoAndLocatedMessages() throws Exception {
      try (Stream<Path> files = Files.list(Path.of(INVALID))) {
        for (Path file : files.sorted().toList()) {
          CliRun run = CliRun.of("validate", file.toString());
          assertThat(run.exitCode()).as(file.toString()).isEqualTo(ExitCode.INVALID_INPUT.code());
          assertThat(run.err()).as(file.toString()).containsPattern(java.util.regex.Pattern.quote(file.toString()) + ":\\d+:\\d+: ");
          assertThat(run.err()).as("no stack trace for a user error").doesNotContain("Exception", "\tat ");
        }
      }
    }

    @Test
    void reportsAllProblemsOfAFile() {
      CliRun run = CliRun.of("validate", INVALID + "many-problems.yaml");
      assertThat(run.err().lines().filter(l -> l.matches(".*many-problems.yaml:\\d+:\\d+: .*"))).hasSize(8);
      assertThat(run.err()).contains("FAIL " + INVALID + "many-problems.yaml: 8 problems");
    }

    @Test
    void honoursMaxTrials() {
      assertThat(CliRun.of("validate", INVALID + "too-many-trials.yaml").exitCode()).isEqualTo(2);
      assertThat(CliRun.of("validate", "--max-trials", "20000", INVALID + "too-many-trials.yaml").exitCode()).isZero();
    }

    @Test
    void aMissingFileIsInvalidInput() {
      CliRun run = CliRun.of("validate", "no-such.yaml");
      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.err()).contains("no-such.yaml:1:1: no such file");
    }
  }

  @Nested
  class Plan {
    @Test
    void printsATableOfThirtyTrialsForGaeLambda() {
      CliRun run = CliRun.of("plan", EXPERIMENTS + "gae-lambda.yaml");
      assertThat(run.exitCode()).isZero();
      assertThat(run.out()).contains("gae-lambda: 6 × algorithm.params.gae_lambda, 5 seeds", "gae_lambda", "30 trials");
      assertThat(run.out().lines().filter(l -> l.matches("\\s*\\d+\\s+[0-9a-f]{12}\\s+.*"))).hasSize(30);
    }

    @Test
    void givesTheSameIdsInEveryFormatAndEveryRun() throws Exception {
      JsonNode json = new ObjectMapper().readTree(CliRun.of("plan", "--format", "json", EXPERIMENTS + "gae-lambda.yaml").out());
      assertThat(json.get("count").asInt()).isEqualTo(30);
      List<String> jsonIds = new ArrayList<>();
      json.get("trials").forEach(t -> jsonIds.add(t.get("id").asText()));

      List<String> csv = CliRun.of("plan", "--format", "csv", EXPERIMENTS + "gae-lambda.yaml").out().lines().toList();
      assertThat(csv.get(0)).isEqualTo("index,id,variant,algorithm.params.gae_lambda,seed");
      assertThat(csv.subList(1, csv.size()).stream().map(l -> l.split(",")[1]).toList()).isEqualTo(jsonIds);

      JsonNode again = new ObjectMapper().readTree(CliRun.of("plan", "--format", "json", EXPERIMENTS + "gae-lambda.yaml").out());
      List<String> againIds = new ArrayList<>();
      again.get("trials").forEach(t -> againIds.add(t.get("id").asText()));
      assertThat(againIds).isEqualTo(jsonIds);
    }

    @Test
    void jsonCarriesTheResolvedConfig() throws Exception {
      JsonNode trial = new ObjectMapper().readTree(CliRun.of("plan", "--format", "json", EXPERIMENTS + "gae-lambda.yaml").out())
          .get("trials").get(7);
      assertThat(trial.at("/swept/algorithm.params.gae_lambda").asDouble()).isEqualTo(0.9);
      assertThat(trial.at("/config/algorithm/params/gae_lambda").asDouble()).isEqualTo(0.9);
      assertThat(trial.at("/config/algorithm/params/num_envs").asInt()).isEqualTo(4);
      assertThat(trial.at("/config/seed").asInt()).isEqualTo(2);
    }

    @Test
    void showsVariants() {
      CliRun run = CliRun.of("plan", EXPERIMENTS + "cliff-walking.yaml");
      assertThat(run.out()).contains("2 variants", "variant", "q-learning", "100 trials");
    }

    @Test
    void refusesAnInvalidSpec() {
      CliRun run = CliRun.of("plan", INVALID + "zip-unequal-lengths.yaml");
      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.out()).isEmpty();
      assertThat(run.err()).contains("zip-unequal-lengths.yaml:10:5:");
    }
  }

  @Nested
  class Describe {
    @Test
    void listsAlgorithmsAndEnvironments() {
      CliRun run = CliRun.of("describe");
      assertThat(run.exitCode()).isZero();
      assertThat(run.out()).contains("Algorithms:", "ppo", "td-lambda", "Environments:", "CartPole-v1", "random-walk");
    }

    @Test
    void showsParametersWithDefaultsAndRanges() {
      CliRun run = CliRun.of("describe", "ppo");
      assertThat(run.exitCode()).isZero();
      assertThat(run.out()).containsPattern("gae_lambda\\s+number\\s+0.95\\s+in \\[0, 1\\]");
      assertThat(run.out()).containsPattern("lr\\s+number\\s+0.0003\\s+> 0");
      assertThat(run.out()).containsPattern("num_envs\\s+integer\\s+4\\s+≥ 1");
    }

    @Test
    void suggestsTheClosestIdForATypo() {
      CliRun run = CliRun.of("describe", "pppo");
      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.err()).contains("did you mean 'ppo'?");
    }
  }
}
