package dev.rlx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * End to end as a user runs rlx: {@code scripts/rlx} as a separate process, from the repository
 * root, against the application that `package` just built.
 */
@Tag("slow")
class LauncherIT {

  private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();

  record Result(int exitCode, String out, String err) {}

  private static Result rlx(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(ROOT.resolve("scripts/rlx").toString()));
    command.addAll(List.of(args));
    Path out = Files.createTempFile("rlx-out", ".txt");
    Path err = Files.createTempFile("rlx-err", ".txt");
    ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().put("RLX_NO_BUILD", "1"); // the build under test is the one to run
    Process process = builder.start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("rlx finished").isTrue();
    Result result = new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    Files.delete(out);
    Files.delete(err);
    return result;
  }

  @Test
  void printsItsVersion() throws Exception {
    Result r = rlx("--version");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).startsWith("rlx 0.1.0");
  }

  @Test
  void validatesEveryShippedExperiment() throws Exception {
    List<String> args = new ArrayList<>(List.of("validate"));
    try (Stream<Path> files = Files.list(ROOT.resolve("experiments"))) {
      files.map(p -> "experiments/" + p.getFileName()).filter(p -> p.endsWith(".yaml")).sorted().forEach(args::add);
    }
    Result r = rlx(args.toArray(String[]::new));
    assertThat(r.err()).isEmpty();
    assertThat(r.exitCode()).isZero();
  }

  @Test
  void exitsWithTwoOnAnInvalidSpecAndPointsAtTheMistake() throws Exception {
    Result r = rlx("validate", "platform/core/src/test/resources/invalid/parameter-out-of-range.yaml");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("parameter-out-of-range.yaml:5:37: algorithm.params.gae_lambda:");
  }

  @Test
  void plansTheHeadlineIdenticallyInSeparateProcesses() throws Exception {
    Result first = rlx("plan", "--format", "csv", "experiments/gae-lambda.yaml");
    Result second = rlx("plan", "--format", "csv", "experiments/gae-lambda.yaml");
    assertThat(first.exitCode()).isZero();
    assertThat(first.out().lines()).hasSize(31);
    assertThat(second.out()).isEqualTo(first.out());
  }
}
