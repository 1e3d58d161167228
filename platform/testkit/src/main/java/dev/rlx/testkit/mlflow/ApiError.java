package dev.rlx.testkit.mlflow;

/** A request the {@code TrackingStore} refuses: the HTTP status and MLflow's error code. */
final class ApiError extends RuntimeException {
  final int status;
  final String code;

  ApiError(int status, String code, String message) {
    super(message);
    this.status = status;
    this.code = code;
  }

  static ApiError invalid(String message) {
    return new ApiError(400, "INVALID_PARAMETER_VALUE", message);
  }
}
