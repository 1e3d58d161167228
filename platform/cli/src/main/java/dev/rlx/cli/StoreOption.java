package dev.rlx.cli;

import dev.rlx.core.store.ResultsStore;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --store}: which results store to use. */
final class StoreOption {

  @Option(names = "--store", paramLabel = "JDBC_URL",
      description = "Results store (default: $" + ResultsStore.STORE_ENV + ", else an H2 file under ./.rlx/).")
  String url;

  String resolve() {
    if (url != null) {
      return url;
    }
    String env = System.getenv(ResultsStore.STORE_ENV);
    return env != null && !env.isBlank() ? env : ResultsStore.defaultUrl(Path.of("").toAbsolutePath());
  }
}
