package dev.rlx.cli.inspect;

import dev.rlx.cli.console.ExitCode;
import dev.rlx.cli.console.MlflowOptions;
import dev.rlx.cli.console.StoreSubcommand;
import dev.rlx.cli.console.StoredTarget;
import dev.rlx.cli.console.Tables;
import dev.rlx.cli.console.TerminalConsole;
import dev.rlx.core.mlflow.MlflowSettings;
import dev.rlx.core.slurm.SlurmSweep;
import dev.rlx.core.store.ResultsStore;
import dev.rlx.core.store.StoredTrial;
import dev.rlx.core.store.SweepRecord;
import dev.rlx.core.store.TrialStatus;
import dev.rlx.core.sweep.SweepEnd;
import dev.rlx.core.sweep.SweepRequest;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
    name = "status",
    header = "Show recent sweeps, or the trial states of one experiment.",
    description = {
        "",
        "Without an argument: the latest sweeps with their trial counts. With an experiment name",
        "(or a sweep id): how many of its trials are in each state, and why failed ones failed.",
        "For a sweep on Slurm it first records the tasks that ended since (reattaching to the",
        "job arrays), and names the arrays still queued or running; --follow then follows them",
        "to the end with the sweep's progress line.",
        "",
        "Examples:",
        "  rlx status",
        "  rlx status td-lambda-random-walk",
        "  rlx status 12",
        "  rlx status 12 --follow                  reattach to a sweep's Slurm job arrays",
        ""},
    exitCodeList = {"0:shown", "2:no such experiment or sweep"})
public final class StatusCommand extends StoreSubcommand {

  @Parameters(arity = "0..1", paramLabel = "EXPERIMENT|SWEEP", description = "An experiment name or a sweep id.")
  String target;

  @picocli.CommandLine.Option(names = "--follow", description = "Follow the experiment's Slurm job arrays until every task has ended.")
  boolean follow;

  @picocli.CommandLine.Option(names = "--on-interrupt", paramLabel = "ACTION",
      description = "With --follow: what Ctrl-C does to the job arrays: ask, cancel or leave (default: ${DEFAULT-VALUE}).")
  String onInterrupt = "leave";


  @Override
  public ExitCode call() throws Exception {
    PrintWriter out = out();
    try (ResultsStore results = ResultsStore.openExisting(store.resolve())) {
      // Short deadlines: a status look must not wait long on an MLflow server that is down.
      MlflowOptions.closeAbandoned(results, new MlflowSettings(Duration.ofSeconds(3), Duration.ofSeconds(1), Duration.ofMillis(200),
          Duration.ofSeconds(1), Duration.ofSeconds(10)), out, err());
      if (target == null) {
        List<SweepRecord> sweeps = results.sweeps().recent(Optional.empty(), 10);
        if (sweeps.isEmpty()) {
          out.println("no sweeps yet in " + results.url());
          return ExitCode.OK;
        }
        List<List<String>> rows = new ArrayList<>();
        for (SweepRecord s : sweeps) {
          Map<TrialStatus, Integer> counts = counts(results.trials().of(s.experiment()));
          String took = s.finishedAt() == null ? "" : String.format("%.1f s",
              java.time.Duration.between(s.startedAt(), s.finishedAt()).toMillis() / 1000.0);
          rows.add(List.of(Long.toString(s.id()), s.experiment(), s.status(), String.valueOf(s.startedAt()).replace('T', ' ').replaceAll("\\.\\d+Z$", "Z"),
              took, Integer.toString(s.trialsTotal()), summary(counts)));
        }
        Tables.print(List.of("sweep", "experiment", "status", "started", "took", "trials", "experiment's trials now"), rows, out);
        return ExitCode.OK;
      }
      Optional<StoredTarget> resolved = StoredTarget.resolve(results, target, err());
      if (resolved.isEmpty()) {
        return ExitCode.INVALID_INPUT;
      }
      String experiment = resolved.get().experiment();
      Optional<SweepRequest.OnInterrupt> interrupt = TerminalConsole.onInterrupt(onInterrupt, err());
      if (interrupt.isEmpty()) {
        return ExitCode.INVALID_INPUT;
      }
      SweepEnd reattached = SlurmSweep.reattach(store.resolve(), results, experiment, follow, interrupt.get(),
          new TerminalConsole(out, err()));
      if (reattached != SweepEnd.SUCCEEDED) {
        return ExitCode.of(reattached);
      }
      resolved = StoredTarget.resolve(results, target, err());
      resolved.get().sweep().ifPresent(sweep -> out.printf("sweep %d: %s, %s, started %s%s%n", sweep.id(), experiment,
          sweep.status(), sweep.startedAt(), sweep.gitCommit() == null ? "" : ", commit " + sweep.gitCommit().substring(0, 12)));
      List<StoredTrial> trials = resolved.get().trials();
      out.printf("%s: %d trials: %s%n", experiment, trials.size(), summary(counts(trials)));
      for (StoredTrial t : trials) {
        if (t.status() == TrialStatus.FAILED || t.status() == TrialStatus.TIMED_OUT) {
          out.printf("  %s #%d %s%s seed %d (attempts %d): %s%n", t.status(), t.index(), t.trialId(),
              t.variant().isEmpty() ? "" : " " + t.variant(), t.seed(), t.attempts(), t.error());
        }
      }
      return ExitCode.OK;
    }
  }

  static Map<TrialStatus, Integer> counts(List<StoredTrial> trials) {
    Map<TrialStatus, Integer> counts = new EnumMap<>(TrialStatus.class);
    trials.forEach(t -> counts.merge(t.status(), 1, Integer::sum));
    return counts;
  }

  static String summary(Map<TrialStatus, Integer> counts) {
    List<String> parts = new ArrayList<>();
    counts.forEach((status, n) -> parts.add(n + " " + status.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')));
    return String.join(", ", parts);
  }
}
