package dev.rlx.cli.sweep;

import dev.rlx.core.store.ResultsStore;
import dev.rlx.core.store.TrialStatus;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the tests that run real driver processes read from the store those drivers write. */
final class DriverStores {

  private DriverStores() {}

  /** The trials of {@code experiment} with {@code status} in the store at {@code url} (file in {@code dir}); 0 while it is being made. */
  static int count(Path dir, String url, String experiment, TrialStatus status) {
    if (!Files.exists(dir.resolve("results.mv.db"))) {
      return 0;
    }
    try (ResultsStore store = ResultsStore.open(url)) {
      return (int) store.trials().of(experiment).stream().filter(t -> t.status() == status).count();
    } catch (RuntimeException e) {
      return 0; // the driver is still creating the store
    }
  }
}
