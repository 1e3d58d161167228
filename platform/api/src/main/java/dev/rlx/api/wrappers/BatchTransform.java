package dev.rlx.api.wrappers;

import dev.rlx.api.BatchedEnvironment.Batch;

/**
 * What a vector-environment wrapper does to each {@link Batch} after the wrapped environment
 * filled it: the batch-processing logic shared by {@link TransformedVectorEnvironment}
 * (discrete actions) and {@link TransformedContinuousActionVectorEnvironment} (Box actions),
 * which only decorate. A transform works in place and allocates nothing per step; it never
 * changes {@link Batch#terminated()} or {@link Batch#truncated()}.
 *
 * @param <T> the transform's own type, so a copied environment exposes a typed transform
 */
public interface BatchTransform<T extends BatchTransform<T>> {

  /** Called after the wrapped environment's {@code reset} filled {@code batch}. */
  void onReset(Batch batch);

  /** Called after the wrapped environment's {@code step} filled {@code batch}. */
  void onStep(Batch batch);

  /**
   * The transform for a {@code copy()} of the wrapped environment (e.g. for evaluation); each
   * transform documents whether the copy shares its statistics or starts afresh.
   */
  T forCopy();
}
