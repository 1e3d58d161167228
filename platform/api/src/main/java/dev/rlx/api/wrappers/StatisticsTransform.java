package dev.rlx.api.wrappers;

/**
 * A transform that learns running statistics as batches pass, and hands a copied environment
 * (e.g. for evaluation) a frozen view: the same statistics, read only, as they stand at each call.
 *
 * @param <T> the transform's own type
 */
abstract class StatisticsTransform<T extends StatisticsTransform<T>> implements BatchTransform<T> {

  final RunningMeanStd statistics;
  final boolean frozen;

  StatisticsTransform(RunningMeanStd statistics, boolean frozen) {
    this.statistics = statistics;
    this.frozen = frozen;
  }

  /** Checks ε, which keeps the divisor √(var + ε) away from 0, is ≥ 0. */
  static void checkEpsilon(double epsilon) {
    if (!(epsilon >= 0)) {
      throw new IllegalArgumentException("epsilon must be ≥ 0 (Gymnasium uses 1e-8), was " + epsilon);
    }
  }

  /** A view that transforms with these statistics, read only, as they are at each call. */
  public abstract T frozen();

  /** Whether this transform only reads its statistics. */
  public final boolean isFrozen() {
    return frozen;
  }

  /** The running statistics (shared with every frozen view). */
  public final RunningMeanStd statistics() {
    return statistics;
  }

  /** A copied environment (e.g. for evaluation) transforms with these statistics, frozen. */
  @Override
  public final T forCopy() {
    return frozen();
  }
}
