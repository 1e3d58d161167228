package dev.rlx.core.store;

import java.nio.file.Path;

/** Opening a store to read it (ResultsStore.openExisting): there is no store at that path, so nothing was ever recorded there. */
public final class NoStoreException extends StoreException {
  private final Path file;

  /** {@code storeEnv}: the environment variable that names another store. */
  public NoStoreException(Path file, String storeEnv) {
    super("no results store at " + file.getParent() + " (no " + file.getFileName() + " there): nothing has been"
        + " recorded in it; a sweep creates it (--store or $" + storeEnv + " names another)", null);
    this.file = file;
  }

  /** The store's file that does not exist. */
  public Path file() {
    return file;
  }
}
