package dev.rlx.cli;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.rlx.cli.console.CommandGroup;
import dev.rlx.cli.console.ExitCode;
import dev.rlx.cli.console.Provenances;
import dev.rlx.cli.inspect.DescribeCommand;
import dev.rlx.cli.inspect.ExportCommand;
import dev.rlx.cli.inspect.PlanCommand;
import dev.rlx.cli.inspect.ReportCommand;
import dev.rlx.cli.inspect.RunsCommand;
import dev.rlx.cli.inspect.StatusCommand;
import dev.rlx.cli.inspect.ValidateCommand;
import dev.rlx.cli.mlflow.MlflowCommand;
import dev.rlx.cli.store.StoreCommand;
import dev.rlx.cli.sweep.SweepCommand;
import dev.rlx.cli.worker.WorkerCommand;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rlx}: the command-line application. The only place that calls System.exit. */
@Command(
    name = "rlx",
    mixinStandardHelpOptions = true,
    versionProvider = RlxCommand.Version.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    header = "Declarative experiment orchestration for reinforcement learning.",
    synopsisHeading = "%nUsage: ",
    description = {
        "",
        "A YAML spec says what to run; rlx validates it, expands its sweep into trials,",
        "runs them, records the results and checks the published claim.",
        "",
        "Examples:",
        "  rlx validate experiments/*.yaml        check specs, report every problem",
        "  rlx plan experiments/gae-lambda.yaml   list the trials a sweep expands to",
        "  rlx describe                           list algorithms and environments",
        "  rlx describe ppo                       a plugin's parameters and ranges",
        "  rlx sweep experiments/cliff-walking.yaml   run it (a re-run resumes)",
        "  rlx runs cliff-walking                 its trials with final metrics",
        "  rlx report experiments/cliff-walking.yaml  the claim's verdict, figures",
        "  rlx mlflow url cliff-walking           its sweep's parent run in MLflow",
        ""},
    commandListHeading = "%nCommands:%n",
    optionListHeading = "%nOptions:%n",
    footerHeading = "%n",
    footer = {
        "Exit codes: 0 success, 1 runtime failure, 2 invalid input (bad spec or usage),",
        "130 a sweep stopped with Ctrl-C.",
        "Spec reference: docs/spec.md; schema: schemas/experiment.schema.json."},
    subcommands = {
        ValidateCommand.class,
        PlanCommand.class,
        DescribeCommand.class,
        SweepCommand.class,
        StatusCommand.class,
        RunsCommand.class,
        ExportCommand.class,
        ReportCommand.class,
        StoreCommand.class,
        MlflowCommand.class,
        WorkerCommand.class,
        CommandLine.HelpCommand.class})
public final class RlxCommand extends CommandGroup {

  @Option(names = "--stacktrace", description = "Print the stack trace of a runtime failure.", scope = CommandLine.ScopeType.INHERIT)
  boolean stacktrace;

  public static void main(String[] args) {
    // DJL must never phone home; set before any DJL class can load (docs/djl.md).
    System.setProperty("ai.djl.offline", "true");
    System.setProperty("OPT_OUT_TRACKING", "true");
    System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs rlx in-process with the given streams; returns the exit code. */
  public static int execute(String[] args, PrintWriter out, PrintWriter err) {
    Injector injector = Guice.createInjector(new CliModule());
    CommandLine cli = new CommandLine(new RlxCommand(), new GuiceFactory(injector));
    headExitCodeLists(cli);
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      if (e instanceof dev.rlx.core.store.NoStoreException) {
        commandLine.getErr().println("rlx: " + e.getMessage()); // a reading command named a store that is not there
        return ExitCode.INVALID_INPUT.code();
      }
      RlxCommand root = commandLine.getCommandSpec().root().commandLine().getCommand();
      commandLine.getErr().println("rlx: error: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
      if (root.stacktrace) {
        e.printStackTrace(commandLine.getErr());
      } else {
        commandLine.getErr().println("(run with --stacktrace for details)");
      }
      return ExitCode.RUNTIME_FAILURE.code();
    });
    cli.setExecutionStrategy(RlxCommand::executeLast);
    int code = cli.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  /** Every command that lists its exit codes does so under the same heading. */
  private static void headExitCodeLists(CommandLine command) {
    CommandLine.Model.UsageMessageSpec usage = command.getCommandSpec().usageMessage();
    if (!usage.exitCodeList().isEmpty()) {
      usage.exitCodeListHeading("%nExit codes:%n");
    }
    command.getSubcommands().values().forEach(RlxCommand::headExitCodeLists);
  }

  /** Runs the command named last, as picocli does; an {@link ExitCode} it returns becomes the exit status. */
  private static int executeLast(CommandLine.ParseResult parseResult) {
    int status = new CommandLine.RunLast().execute(parseResult);
    List<CommandLine> commands = parseResult.asCommandLineList();
    return commands.get(commands.size() - 1).getExecutionResult() instanceof ExitCode code ? code.code() : status;
  }

  /** {@code rlx --version}: the build's version and the JVM it runs on. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {
          "rlx " + Provenances.version(),
          "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
    }
  }

  /** Lets Guice build commands, so they get their collaborators by constructor injection. */
  private record GuiceFactory(Injector injector) implements CommandLine.IFactory {
    @Override
    public <K> K create(Class<K> type) throws Exception {
      if (type.getName().startsWith("dev.rlx.")) {
        return injector.getInstance(type);
      }
      return CommandLine.defaultFactory().create(type);
    }
  }
}
