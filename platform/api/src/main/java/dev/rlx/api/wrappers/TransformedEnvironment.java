package dev.rlx.api.wrappers;

import dev.rlx.api.BatchedEnvironment;
import dev.rlx.api.BatchedEnvironment.Batch;

/**
 * What the transformed environments of both action kinds share: the wrapped environment, its
 * observation size, and the transform applied after every reset (and, in each subclass's
 * {@code step}, after every step).
 *
 * @param <E> the wrapped environment's kind
 * @param <T> the transform, reachable typed through {@link #transform()}
 */
abstract class TransformedEnvironment<E extends BatchedEnvironment, T extends BatchTransform<T>> implements BatchedEnvironment {

  final E env;
  final T transform;

  TransformedEnvironment(E env, T transform) {
    this.env = env;
    this.transform = transform;
  }

  /** The transform applied to this environment's batches. */
  public final T transform() {
    return transform;
  }

  /** The environment this one wraps. */
  public final E wrapped() {
    return env;
  }

  @Override
  public final int observationSize() {
    return env.observationSize();
  }

  @Override
  public final void reset(long seed, Batch batch) {
    env.reset(seed, batch);
    transform.onReset(batch);
  }

  @Override
  public final void close() {
    env.close();
  }
}
