package dev.rlx.core.slurm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rlx.api.Isolation;
import dev.rlx.core.model.ExperimentSpec;
import dev.rlx.core.model.SpecReader;
import dev.rlx.core.spec.Problem;
import dev.rlx.core.spec.ProblemList;
import dev.rlx.core.spec.YamlDocument;
import dev.rlx.core.spec.YamlDocumentReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The spec's executor block as sbatch options and batch scripts; Slurm's array and state formats. */
class SlurmSettingsTest {

  /** The typed spec of {@code text}, as validation reads it. */
  private static ExperimentSpec yaml(String text) {
    return SpecReader.read(document(text));
  }

  private static YamlDocument document(String text) {
    return new YamlDocumentReader().parse(text.getBytes(StandardCharsets.UTF_8), "spec.yaml", new ProblemList("spec.yaml"))
        .orElseThrow();
  }

  @Nested
  class Settings {

    @Test
    void mapsTheExecutorAndResourcesOntoSbatchOptions() throws Exception {
      SlurmSettings s = SlurmSettings.of(yaml("""
          resources: {cpus: 2, gpus: 1, memory: 2g, timeout: 90s}
          executor:
            type: slurm
            partition: gpu
            account: rl-lab
            qos: normal
            memory: 8G
            max_parallel: 4
            extra_args: [--constraint=a100]
            setup: [module load java/17]
          """));
      assertThat(s.sbatchOptions()).containsExactly("--partition=gpu", "--account=rl-lab", "--qos=normal",
          "--time=0-00:02:00", "--cpus-per-task=2", "--mem=8G", "--gres=gpu:1", "--constraint=a100");
      assertThat(s.heap()).isEqualTo("2g");
    }

    @Test
    void prefersExecutorTimeAndCanAskForGpusWithTheGpusOption() throws Exception {
      SlurmSettings s = SlurmSettings.of(yaml("""
          resources: {gpus: 2, timeout: 30m}
          executor: {type: slurm, time: 1d, gpu_request: gpus}
          """));
      assertThat(s.sbatchOptions()).containsExactly("--time=1-00:00:00", "--cpus-per-task=1", "--gpus=2");
    }

    @Test
    void refusesFractionalGpusNamingWhereWhatIsExpectedAndWhatWasFound() throws Exception {
      String text = "resources: {gpus: 0.5}\nexecutor: {type: slurm}\n";
      YamlDocument document = document(text);
      SlurmSettings s = SlurmSettings.of(SpecReader.read(document));
      assertThat(s.problems(document)).singleElement().extracting(Problem::render).asString()
          .isEqualTo("spec.yaml:1:19: resources.gpus: Slurm allocates whole GPUs, so a fraction cannot run with executor"
              + " type slurm: expected a whole number of GPUs per trial (1, 2, …), found 0.5;"
              + " use --executor local to pack trials onto shared GPUs");
    }

    @Test
    void roundsTimesUpToWholeMinutes() {
      assertThat(SlurmSettings.slurmTime(Duration.ofSeconds(1))).isEqualTo("0-00:01:00");
      assertThat(SlurmSettings.slurmTime(Duration.ofMinutes(61))).isEqualTo("0-01:01:00");
      assertThat(SlurmSettings.slurmTime(Duration.ofHours(49))).isEqualTo("2-01:00:00");
    }
  }

  @Test
  void writesABatchScriptWithTheArrayThrottleLogsInTheRunDirectoryAndADoneMarker() throws Exception {
    SlurmSettings s = SlurmSettings.of(yaml("""
        executor: {type: slurm, max_parallel: 3, setup: [module load java/17]}
        """));
    String script = SlurmScripts.script("rlx-x-1", Path.of("/shared/w/.rlx/slurm/x/rlx-x-1"), 10, s,
        List.of("/opt/java/bin/java", "-cp", "/opt/rlx/rlx.jar", "dev.rlx.core.exec.TrialWorker"));
    assertThat(script).contains("#SBATCH --array=0-9%3\n")
        .contains("#SBATCH --output=/shared/w/.rlx/slurm/x/rlx-x-1/%a/stdout.log\n")
        .contains("#SBATCH --error=/shared/w/.rlx/slurm/x/rlx-x-1/%a/stderr.log\n")
        .contains("module load java/17\n")
        .contains("/opt/java/bin/java -Xmx1g -cp /opt/rlx/rlx.jar dev.rlx.core.exec.TrialWorker --detached \"$run_dir\"")
        .contains("mv -f \"$run_dir/done.tmp\" \"$run_dir/done\"");
    assertThat(script.indexOf("module load")).isLessThan(script.indexOf("TrialWorker"));
  }

  @Nested
  class Bundles {

    @Test
    void autoFillsTheTaskLengthAtTheStoredMeanDurationSlotsAtATime() throws Exception {
      SlurmSettings s = SlurmSettings.of(yaml("executor: {type: slurm, task_length: 10m, cpus_per_task: 4}\n"));
      assertThat(s.slots()).isEqualTo(4);
      // 600 s × 4 slots at 2 s a trial
      assertThat(TaskBundles.trialsPerTask(s, Isolation.THREAD, Optional.of(Duration.ofSeconds(2)))).isEqualTo(1200);
      // no history: a thread trial is taken to last 1 s, a process trial a whole task
      assertThat(TaskBundles.trialsPerTask(s, Isolation.THREAD, Optional.empty())).isEqualTo(2400);
      assertThat(TaskBundles.trialsPerTask(s, Isolation.PROCESS, Optional.empty())).isEqualTo(4);
      assertThat(TaskBundles.trialsPerTask(s, Isolation.PROCESS, Optional.of(Duration.ofHours(3)))).isEqualTo(1);
    }

    @Test
    void theDefaultOfOneTrialACpuMakesTheTenThousandTrialSweepTensOfTasks() throws Exception {
      SlurmSettings s = SlurmSettings.of(yaml("resources: {cpus: 1}\nexecutor: {type: slurm}\n"));
      int perTask = TaskBundles.trialsPerTask(s, Isolation.THREAD, Optional.empty());
      assertThat(perTask).isEqualTo(600);
      assertThat(TaskBundles.split(java.util.stream.IntStream.range(0, 10_000).boxed().toList(), perTask)).hasSize(17)
          .allSatisfy(b -> assertThat(b.size()).isBetween(588, 589));
    }

    @Test
    void aWrittenNumberWinsAndGpuTrialsRunOneAtATime() throws Exception {
      SlurmSettings s = SlurmSettings.of(yaml("resources: {gpus: 1}\nexecutor: {type: slurm, trials_per_task: 5, cpus_per_task: 8}\n"));
      assertThat(TaskBundles.trialsPerTask(s, Isolation.PROCESS, Optional.of(Duration.ofMillis(1)))).isEqualTo(5);
      assertThat(s.slots()).isEqualTo(1);
    }

    @Test
    void splitsEvenly() {
      assertThat(TaskBundles.split(java.util.stream.IntStream.range(0, 1001).boxed().toList(), 500))
          .extracting(List::size).containsExactly(334, 334, 333);
      assertThat(TaskBundles.split(List.of(1, 2, 3), 1)).containsExactly(List.of(1), List.of(2), List.of(3));
      assertThat(TaskBundles.split(List.of(), 4)).isEmpty();
    }

    @Test
    void aBundleAsksForTheTaskCpusAndTheTimeItsTrialsMayTake() throws Exception {
      SlurmSettings s = SlurmSettings.of(yaml("resources: {timeout: 2m}\nexecutor: {type: slurm, cpus_per_task: 2}\n"));
      // 10 trials two at a time at 2 min each, and a minute for the JVM
      assertThat(s.sbatchOptions(10)).containsExactly("--time=0-00:11:00", "--cpus-per-task=2");
      assertThat(s.sbatchOptions(1)).containsExactly("--time=0-00:02:00", "--cpus-per-task=2");
      SlurmSettings fixed = SlurmSettings.of(yaml("resources: {timeout: 2m}\nexecutor: {type: slurm, time: 1h}\n"));
      assertThat(fixed.sbatchOptions(10)).contains("--time=0-01:00:00");
    }

    @Test
    void writesABundleScriptThatRunsTheBundleWorker() throws Exception {
      SlurmSettings s = SlurmSettings.of(yaml("executor: {type: slurm, trials_per_task: 50}\n"));
      String script = SlurmScripts.bundleScript("rlx-x-1", Path.of("/w/.rlx/slurm/x/rlx-x-1"), 3, 50, s,
          List.of("/opt/java/bin/java", "-cp", "/opt/rlx/rlx.jar", "dev.rlx.core.exec.TrialWorker"));
      assertThat(script).contains("#SBATCH --array=0-2\n")
          .contains("#SBATCH --output=/w/.rlx/slurm/x/rlx-x-1/%a/stdout.log\n")
          .contains("/opt/java/bin/java -Xmx1g -cp /opt/rlx/rlx.jar dev.rlx.core.exec.TrialWorker --bundle \"$bundle_dir\"");
    }
  }

  @ParameterizedTest(name = "{0} contains {1}: {2}")
  @CsvSource(delimiter = '|', textBlock = """
      7        | 7 | true
      7        | 8 | false
      2-5%2    | 5 | true
      2-5%2    | 6 | false
      1,3,5-7  | 6 | true
      1,3,5-7  | 4 | false
      0-8:2    | 4 | true
      0-8:2    | 3 | false
      N/A      | 0 | false
      """)
  void readsArrayIndexExpressions(String expression, int index, boolean contained) {
    assertThat(SlurmArrays.contains(expression, index)).isEqualTo(contained);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      sbatch: error: Batch job submission failed: Invalid partition name specified | executor.partition
      sbatch: error: Batch job submission failed: Invalid account or account/partition combination specified | executor.account
      sbatch: error: Batch job submission failed: Requested time limit is invalid (missing or exceeds some limit) | executor.time
      sbatch: error: Batch job submission failed: Invalid generic resource (gres) specification | resources.gpus
      sbatch: error: Batch job submission failed: Requested node configuration is not available | executor.memory
      sbatch: error: Batch job submission failed: Job violates accounting/QOS policy (job submit limit, size and/or time limits) | executor.trials_per_task
      sbatch: error: Batch job submission failed: Unable to contact slurm controller (connect failure) | scontrol ping
      """)
  void namesWhatToChangeForWhatSbatchSays(String says, String change) {
    assertThat(Slurm.advice(says)).contains(change);
  }

  @Test
  void readsTaskRecordsOfScontrol() {
    var f = Slurm.fields("JobId=17 ArrayJobId=12 ArrayTaskId=3 JobState=TIMEOUT Reason=TimeLimit ExitCode=0:15 Command=/x");
    Slurm.TaskRecord r = new Slurm.TaskRecord(f.get("JobId"), f.get("ArrayTaskId"), f.get("JobState"), f.get("ExitCode"), f.get("Reason"));
    assertThat(r.covers(3)).isTrue();
    assertThat(r.isFinal()).isTrue();
    assertThat(r.exitStatus()).isEqualTo(128 + 15);
    assertThat(new Slurm.TaskRecord("12", "0-4%2", "PENDING", "0:0", "JobArrayTaskLimit").isFinal()).isFalse();
    assertThat(new Slurm.TaskRecord("9", "1", "FAILED", "7:0", "NonZeroExitCode").exitStatus()).isEqualTo(7);
  }

  @Test
  void readsFinalStatesFromAccountingWhenScontrolHasForgottenTheJob() {
    List<Slurm.TaskRecord> records = Slurm.parseSacct("7_3|COMPLETED|0:0\n7_7|FAILED|1:0\n7_[1-2%1]|CANCELLED by 0|0:0\n");
    assertThat(records).extracting(Slurm.TaskRecord::state).containsExactly("COMPLETED", "FAILED", "CANCELLED");
    assertThat(records.get(1).exitStatus()).isEqualTo(1);
    assertThat(records.get(2).covers(2)).isTrue();
    assertThat(records.get(2).covers(3)).isFalse();
    assertThat(records).allSatisfy(r -> assertThat(r.isFinal()).isTrue());
  }
}
