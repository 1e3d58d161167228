package dev.rlx.cli.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rlx.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `rlx sweep --executor slurm` input checks, in-process: refused before anything reaches Slurm. */
class SlurmSweepCommandTest {

  @TempDir
  Path dir;

  private CliRun sweep(String yaml, String... extra) throws Exception {
    Path spec = dir.resolve("spec.yaml");
    Files.writeString(spec, yaml);
    String[] args = new String[extra.length + 4];
    args[0] = "sweep";
    args[1] = spec.toString();
    System.arraycopy(extra, 0, args, 2, extra.length);
    args[extra.length + 2] = "--store";
    args[extra.length + 3] = "jdbc:h2:file:" + dir.resolve("results");
    return CliRun.of(args);
  }

  private static final String WALK = """
      name: walk
      environment: {id: random-walk, params: {n_states: 5}}
      algorithm: {id: td-lambda, params: {alpha: 0.1}}
      budget: {episodes: 10}
      """;

  @Test
  void refusesFractionalGpusOnSlurmNamingTheLineThePathAndWhatWouldBeRight() throws Exception {
    CliRun run = sweep(WALK + "resources: {gpus: 0.25}\nexecutor: {type: slurm}\n");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("spec.yaml:5:19: resources.gpus: Slurm allocates whole GPUs")
        .contains("expected a whole number of GPUs per trial (1, 2, …), found 0.25")
        .contains("nothing was submitted");
  }

  @Test
  void refusesAnUnknownExecutorOrInterruptAction() throws Exception {
    CliRun executor = sweep(WALK, "--executor", "kubernetes");
    assertThat(executor.exitCode()).isEqualTo(2);
    assertThat(executor.err()).contains("--executor kubernetes: expected local or slurm");
    CliRun action = sweep(WALK, "--on-interrupt", "ignore");
    assertThat(action.exitCode()).isEqualTo(2);
    assertThat(action.err()).contains("--on-interrupt ignore: expected ask, cancel or leave");
  }
}
