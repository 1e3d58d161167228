package dev.rlx.api.wrappers;

import dev.rlx.api.BatchedEnvironment.Batch;

/**
 * Normalises observations with running statistics, as Gymnasium's {@code NormalizeObservation}
 * ({@code gymnasium/wrappers/vector/stateful_observation.py}) followed by the ±10 clip of
 * CleanRL's and SB3's PPO set-ups: every reset and step first adds the batch's observations to
 * a {@link RunningMeanStd} (the first observations of autoreset episodes included, as they are
 * the rows of {@link Batch#observations()}), then replaces each x by
 * clip((x − mean) / √(var + ε), ±clip) with ε = 1e-8.
 *
 * <p>Rows of {@link Batch#finalObservations()} of copies whose episode just ended are normalised
 * with the same statistics (but not added to them; Gymnasium leaves them out too), so an algorithm
 * can bootstrap a truncated episode from V(normalised final observation).
 *
 * <p>Evaluation: {@link #frozen()} (and so {@code copy()} of a wrapped environment) gives a
 * <em>read-only live view</em> of these statistics: it normalises with the training statistics as
 * they stand at each call and never updates them, Gymnasium's {@code update_running_mean = False}
 * without a second set of numbers to keep in sync.
 */
public final class ObservationNormalizer extends StatisticsTransform<ObservationNormalizer> {

  /** Gymnasium's default ε. */
  public static final double EPSILON = 1e-8;
  /** The clip of CleanRL's and SB3's PPO observation normalisation. */
  public static final double CLIP = 10;

  private final double epsilon;
  private final double clip;

  /** Normalises observations of {@code observationSize} components with ε = 1e-8 and a ±10 clip. */
  public ObservationNormalizer(int observationSize) {
    this(observationSize, EPSILON, CLIP);
  }

  /** Normalises with the given ε and clip ({@code Double.POSITIVE_INFINITY}: no clip, as bare Gymnasium). */
  public ObservationNormalizer(int observationSize, double epsilon, double clip) {
    this(new RunningMeanStd(observationSize), epsilon, clip, false);
    checkEpsilon(epsilon);
    if (!(clip > 0)) {
      throw new IllegalArgumentException("clip must be > 0 (PPO uses 10; Infinity for none), was " + clip);
    }
  }

  private ObservationNormalizer(RunningMeanStd statistics, double epsilon, double clip, boolean frozen) {
    super(statistics, frozen);
    this.epsilon = epsilon;
    this.clip = clip;
  }

  @Override
  public ObservationNormalizer frozen() {
    return new ObservationNormalizer(statistics, epsilon, clip, true);
  }

  @Override
  public void onReset(Batch batch) {
    normalizeObservations(batch);
  }

  @Override
  public void onStep(Batch batch) {
    normalizeObservations(batch);
    int d = statistics.size();
    for (int i = 0; i < batch.size(); i++) {
      if (batch.done(i)) {
        statistics.normalizeRow(batch.finalObservations(), i * d, epsilon, clip);
      }
    }
  }

  private void normalizeObservations(Batch batch) {
    if (!frozen) {
      statistics.update(batch.observations(), batch.size());
    }
    int d = statistics.size();
    for (int i = 0; i < batch.size(); i++) {
      statistics.normalizeRow(batch.observations(), i * d, epsilon, clip);
    }
  }
}
