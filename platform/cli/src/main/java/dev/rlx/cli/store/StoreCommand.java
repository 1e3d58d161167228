package dev.rlx.cli.store;

import dev.rlx.cli.console.CommandGroup;
import dev.rlx.cli.console.ExitCode;
import dev.rlx.cli.console.StoreSubcommand;
import dev.rlx.core.store.ResultsStore;
import java.io.PrintWriter;
import org.flywaydb.core.api.MigrationInfo;
import picocli.CommandLine.Command;

@Command(
    name = "store",
    header = "Inspect or migrate the results store.",
    description = {
        "",
        "The store is an H2 file database under ./.rlx/ by default; --store or $" + ResultsStore.STORE_ENV,
        "names another JDBC URL. `rlx store serve` serves a file store over TCP, for drivers on",
        "several machines (jdbc:h2:tcp://host:port//path/results).",
        "",
        "Examples:",
        "  rlx store info",
        "  rlx store migrate --store jdbc:h2:file:/data/rlx/results",
        "  rlx store serve --store /data/rlx --allow-others",
        ""},
    subcommands = {StoreCommand.Info.class, StoreCommand.Migrate.class, StoreServe.class})
public final class StoreCommand extends CommandGroup {

  @Command(name = "info", header = "Where the store is, its schema version and row counts.")
  static final class Info extends StoreSubcommand {

    @Override
    public ExitCode call() {
      PrintWriter out = out();
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

  @Command(name = "migrate", header = "Create or upgrade the store's schema (Flyway).")
  static final class Migrate extends StoreSubcommand {

    @Override
    public ExitCode call() {
      int applied = ResultsStore.migrate(store.resolve());
      out().println(applied == 0 ? "schema is up to date" : "applied " + applied + " migration(s)");
      return ExitCode.OK;
    }
  }
}
