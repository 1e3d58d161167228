package dev.rlx.core.mlflow;

/**
 * A call to the MLflow server that did not succeed. {@link #retryable} ones (unreachable, no
 * answer in time, 5xx, 429) may succeed later; the others are the server's definite "no"
 * (4xx with an MLflow {@code error_code}, e.g. {@code INVALID_PARAMETER_VALUE}).
 */
public final class MlflowException extends RuntimeException {

  private final boolean retryable;
  private final int status;
  private final String errorCode;

  MlflowException(String message, boolean retryable, int status, String errorCode, Throwable cause) {
    super(message, cause);
    this.retryable = retryable;
    this.status = status;
    this.errorCode = errorCode;
  }

  public boolean retryable() {
    return retryable;
  }

  /** The HTTP status, or 0 when no answer came. */
  public int status() {
    return status;
  }

  /** MLflow's {@code error_code}, or "" when there was none. */
  public String errorCode() {
    return errorCode;
  }
}
