package dev.rlx.cli.store;

import dev.rlx.cli.console.ExitCode;
import dev.rlx.cli.console.StoreSubcommand;
import dev.rlx.core.store.ResultsStore;
import java.net.InetAddress;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.h2.tools.Server;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Serves an H2 file store over TCP (H2's own server), so that drivers on other machines can
 * share it: {@code rlx sweep SPEC --store jdbc:h2:tcp://HOST:PORT//path/results}. The store
 * stays open here with AUTO_SERVER, so rlx commands on this machine go on using {@code --store DIR}.
 */
@Command(name = "serve",
    header = "Serve the store over TCP, for drivers on other machines.",
    description = {
        "",
        "Opens the store (creating it and bringing its schema up to date), serves it with H2's TCP",
        "server, prints the JDBC URL drivers elsewhere pass as --store, and runs until Ctrl-C.",
        "Drivers on this machine may go on using --store DIR. Sweeps started on several machines",
        "with that URL share their trials (each claimed once; README: Running sweeps).",
        "The store has one user and no password: serve it to machines you trust (--allow-others",
        "listens beyond this machine; without it, only local connections are accepted).",
        "",
        "Examples:",
        "  rlx store serve --store /data/rlx --port 9092 --allow-others",
        "  rlx sweep experiments/gae-lambda.yaml --store jdbc:h2:tcp://head-node:9092//data/rlx/results",
        ""})
final class StoreServe extends StoreSubcommand {

  @Option(names = "--port", paramLabel = "PORT", description = "TCP port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
  int port = 9092;

  @Option(names = "--allow-others", description = "Accept connections from other machines (default: this machine only).")
  boolean allowOthers;

  @Override
  public ExitCode call() throws Exception {
    String url = store.resolve();
    java.util.Optional<Path> file = ResultsStore.h2File(url);
    if (file.isEmpty()) {
      err().println("rlx: store serve serves an H2 file store (--store DIR, or a jdbc:h2:file: URL); " + url + " is not one");
      return ExitCode.INVALID_INPUT;
    }
    try (ResultsStore open = ResultsStore.open(url)) {
      List<String> args = new ArrayList<>(List.of("-tcpPort", Integer.toString(port), "-ifExists"));
      if (allowOthers) {
        args.add("-tcpAllowOthers");
      }
      Server server;
      try {
        server = Server.createTcpServer(args.toArray(String[]::new)).start();
      } catch (SQLException e) {
        err().println("rlx: cannot serve the store on port " + port + ": " + e.getMessage().lines().findFirst().orElse("")
            + " (another --port, or stop what uses it)");
        return ExitCode.RUNTIME_FAILURE;
      }
      String base = file.get().toString();
      base = base.substring(0, base.length() - ".mv.db".length());
      String host = allowOthers ? InetAddress.getLocalHost().getHostName() : "localhost";
      out().printf("serving %s%n  --store 'jdbc:h2:tcp://%s:%d/%s'%nCtrl-C stops.%n", file.get(), host, server.getPort(), base);
      out().flush();
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        server.stop();
        stopped.countDown();
      }, "rlx-store-serve-stop"));
      stopped.await();
    }
    return ExitCode.OK;
  }
}
