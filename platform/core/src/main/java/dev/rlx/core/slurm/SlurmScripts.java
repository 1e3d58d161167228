package dev.rlx.core.slurm;

import dev.rlx.core.exec.RunDirectory;
import dev.rlx.core.exec.TrialWorker;
import dev.rlx.core.exec.ScheduledTrial;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The batch scripts of rlx's job arrays (a trial a task, or a bundle a task) and the worker command they start. */
public final class SlurmScripts {

  private SlurmScripts() {}

  /** The batch script of one job array. */
  static String script(String name, Path dir, int tasks, SlurmSettings settings, List<String> workerCommand) {
    StringBuilder s = new StringBuilder("#!/bin/bash\n");
    s.append("# Written by rlx: one array task per trial; ").append(dir).append("/<index> links to its run directory.\n");
    header(s, name, dir, tasks, settings, settings.sbatchOptions());
    s.append("\nrun_dir=\"$(readlink -f ").append(quote(dir.toString())).append("/\"$SLURM_ARRAY_TASK_ID\")\"\n");
    s.append("rm -f \"$run_dir/").append(SlurmExecutor.DONE).append("\"\n");
    worker(s, workerCommand, settings).append(' ').append(TrialWorker.DETACHED).append(" \"$run_dir\" </dev/null\n");
    s.append("rc=$?\n");
    s.append("if [ \"$rc\" -ne 0 ]; then echo \"rlx: the trial worker exited with code $rc")
        .append(" (job ${SLURM_ARRAY_JOB_ID}_${SLURM_ARRAY_TASK_ID} on $(hostname))\" >&2; fi\n");
    s.append("printf '%s %s\\n' \"$rc\" \"${SLURM_ARRAY_JOB_ID}_${SLURM_ARRAY_TASK_ID}\" > \"$run_dir/").append(SlurmExecutor.DONE)
        .append(".tmp\" && mv -f \"$run_dir/").append(SlurmExecutor.DONE).append(".tmp\" \"$run_dir/").append(SlurmExecutor.DONE).append("\"\n");
    s.append("exit $rc\n");
    return s.toString();
  }

  /** The #SBATCH lines of an array of {@code tasks} (logs under {@code dir/<index>/}) and the setup lines. */
  private static void header(StringBuilder s, String name, Path dir, int tasks, SlurmSettings settings, List<String> taskOptions) {
    List<String> options = new ArrayList<>(List.of("--job-name=" + name,
        "--array=0-" + (tasks - 1) + settings.maxParallel().map(n -> "%" + n).orElse(""),
        "--output=" + dir + "/%a/" + RunDirectory.STDOUT, "--error=" + dir + "/%a/" + RunDirectory.STDERR,
        "--chdir=" + dir, "--requeue"));
    options.addAll(taskOptions);
    options.forEach(o -> s.append("#SBATCH ").append(o).append('\n'));
    s.append("\n# environment setup (executor.setup)\n");
    settings.setup().forEach(line -> s.append(line).append('\n'));
  }

  /** The worker's environment and command line (with its heap), up to its arguments. */
  private static StringBuilder worker(StringBuilder s, List<String> workerCommand, SlurmSettings settings) {
    s.append("export OMP_NUM_THREADS=1 OPT_OUT_TRACKING=true MKL_CBWR=${MKL_CBWR:-AUTO,STRICT}\n");
    List<String> command = new ArrayList<>(workerCommand);
    command.add(1, "-Xmx" + settings.heap());
    return s.append(String.join(" ", command.stream().map(SlurmScripts::quote).toList()));
  }

  /**
   * The batch script of a job array whose tasks each run a bundle of trials: task {@code i}
   * runs {@code rlx worker --bundle <dir>/<i>}, which writes each trial's done marker itself.
   */
  static String bundleScript(String name, Path dir, int tasks, int largestBundle, SlurmSettings settings,
      List<String> workerCommand) {
    StringBuilder s = new StringBuilder("#!/bin/bash\n");
    s.append("# Written by rlx: each array task runs the bundle of trials in ").append(dir)
        .append("/<index>/bundle.json, one worker JVM for them all.\n");
    header(s, name, dir, tasks, settings, settings.sbatchOptions(largestBundle));
    s.append("\nbundle_dir=").append(quote(dir.toString())).append("/\"$SLURM_ARRAY_TASK_ID\"\n");
    worker(s, workerCommand, settings).append(' ').append(TrialWorker.BUNDLE).append(" \"$bundle_dir\" </dev/null\n");
    s.append("rc=$?\n");
    s.append("if [ \"$rc\" -ne 0 ]; then echo \"rlx: the bundle worker exited with code $rc")
        .append(" (job ${SLURM_ARRAY_JOB_ID}_${SLURM_ARRAY_TASK_ID} on $(hostname))\" >&2; fi\n");
    s.append("exit $rc\n");
    return s.toString();
  }

  /**
   * The command that starts a detached worker like this JVM: the same java and classpath
   * (resolved now, at submit time), one GC thread, DJL offline with one intra-op thread.
   */
  public static List<String> workerCommandLikeThisJvm() {
    String javaCommand = ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    String classpath = System.getProperty("java.class.path");
    List<String> absolute = new ArrayList<>();
    for (String entry : classpath.split(java.io.File.pathSeparator)) {
      absolute.add(Path.of(entry).toAbsolutePath().toString());
    }
    return List.of(javaCommand, "-XX:+ExitOnOutOfMemoryError", "-XX:+UseSerialGC", "-Dai.djl.offline=true", "-DOPT_OUT_TRACKING=true",
        "-Dai.djl.pytorch.num_threads=1", "-Dai.djl.pytorch.num_interop_threads=1",
        "-cp", String.join(java.io.File.pathSeparator, absolute), TrialWorker.class.getName());
  }

  static String quote(String s) {
    return s.matches("[A-Za-z0-9_./=:+,@%-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
  }

  /** A fresh start for a trial's run directory: its ticket, and no result of an earlier attempt. */
  static void prepare(String experiment, ScheduledTrial t) throws IOException {
    Files.createDirectories(t.runDir());
    for (String stale : List.of(RunDirectory.RESULT, RunDirectory.METRICS, dev.rlx.core.exec.LiveMetrics.FILE, SlurmExecutor.DONE, RunDirectory.STDOUT,
        RunDirectory.STDERR)) {
      Files.deleteIfExists(t.runDir().resolve(stale));
    }
    // Streamed always: an attached driver, `rlx status --follow` or a later `rlx mlflow sync` may mirror it.
    new dev.rlx.core.exec.TrialTicket(experiment, t.spec().id(), t.spec().config(), dev.rlx.api.Device.CPU,
        t.runDir().toAbsolutePath(), true).write();
  }

  /** The last 20 lines of a task's stdout and stderr logs in its run directory. */
  static String logTail(Path runDir) {
    StringBuilder out = new StringBuilder();
    for (String log : List.of(RunDirectory.STDOUT, RunDirectory.STDERR)) {
      try {
        List<String> lines = Files.readAllLines(runDir.resolve(log), StandardCharsets.UTF_8);
        out.append(String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()))).append('\n');
      } catch (IOException e) {
        // no such log
      }
    }
    return out.toString().strip();
  }
}
