package dev.rlx.core.store;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;

/**
 * A process that opens a store (so that, with AUTO_SERVER, it serves the store to every
 * process that opens it after it, like a short `rlx status`), says "open" on standard output,
 * and exits when a line (or EOF) comes on standard input: with System.exit, as rlx does,
 * leaving H2's shutdown hook to close the database under its clients.
 */
public final class StoreHolder {

  private StoreHolder() {}

  public static void main(String[] args) throws Exception {
    Connection connection = DriverManager.getConnection(ResultsStore.jdbcUrl(args[0]), "rlx", "");
    System.out.println("open " + connection.getMetaData().getURL());
    System.out.flush();
    new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    connection.close(); // the database stays open while other processes' sessions use it
    System.exit(0);
  }
}
