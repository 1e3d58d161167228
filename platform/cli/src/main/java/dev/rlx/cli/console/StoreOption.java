package dev.rlx.cli.console;

import dev.rlx.core.store.ResultsStore;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --store}: which results store to use. */
public final class StoreOption {

  @Option(names = "--store", paramLabel = "DIR|JDBC_URL",
      description = "Results store: a directory (the H2 file results.mv.db in it) or a JDBC URL"
          + " (default: $" + ResultsStore.STORE_ENV + ", else ./.rlx/).")
  public String url;

  public String resolve() {
    if (url != null) {
      return toUrl(url);
    }
    String env = System.getenv(ResultsStore.STORE_ENV);
    return env != null && !env.isBlank() ? toUrl(env) : ResultsStore.defaultUrl(Path.of("").toAbsolutePath());
  }

  /** A JDBC URL as given; anything else names the directory holding the store, as ./.rlx/ does by default. */
  public static String toUrl(String store) {
    return store.startsWith("jdbc:") ? store : ResultsStore.urlIn(Path.of(store).toAbsolutePath());
  }
}
