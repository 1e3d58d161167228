package dev.rlx.cli.store;

import dev.rlx.cli.console.ExitCode;
import dev.rlx.cli.console.StoreOption;
import dev.rlx.core.store.ResultsStore;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.flywaydb.core.api.MigrationInfo;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "store",
    header = "Inspect or migrate the results store.",
    description = {
        "",
        "The store is an H2 file database under ./.rlx/ by default; --store or $" + ResultsStore.STORE_ENV,
        "names another JDBC URL (e.g. jdbc:h2:tcp://host/path for several machines).",
        "",
        "Examples:",
        "  rlx store info",
        "  rlx store migrate --store jdbc:h2:file:/data/rlx/results",
        ""},
    subcommands = {StoreCommand.Info.class, StoreCommand.Migrate.class},
    mixinStandardHelpOptions = true)
public final class StoreCommand implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "info", header = "Where the store is, its schema version and row counts.", mixinStandardHelpOptions = true)
  static final class Info implements Callable<ExitCode> {
    @Mixin
    StoreOption store;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public ExitCode call() {
      PrintWriter out = spec.commandLine().getOut();
      String url = store.resolve();
      try (ResultsStore results = ResultsStore.openExisting(url)) {
        out.println("store:  " + url);
        for (MigrationInfo m : ResultsStore.migrations(url)) {
          out.printf("schema: V%s %s (%s)%n", m.getVersion(), m.getDescription(), m.getState().getDisplayName().toLowerCase(java.util.Locale.ROOT));
        }
        results.counts().forEach((table, n) -> out.printf("%-12s %,d rows%n", table + ":", n));
      }
      return ExitCode.OK;
    }
  }

  @Command(name = "migrate", header = "Create or upgrade the store's schema (Flyway).", mixinStandardHelpOptions = true)
  static final class Migrate implements Callable<ExitCode> {
    @Mixin
    StoreOption store;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public ExitCode call() {
      int applied = ResultsStore.migrate(store.resolve());
      spec.commandLine().getOut().println(applied == 0 ? "schema is up to date" : "applied " + applied + " migration(s)");
      return ExitCode.OK;
    }
  }
}
