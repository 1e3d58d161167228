package dev.rlx.core.store;

/** A results-store failure, naming the store and what was being done. */
public class StoreException extends RuntimeException {
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
