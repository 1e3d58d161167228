package dev.rlx.api.wrappers;

import dev.rlx.api.ContinuousActionVectorEnvironment;
import dev.rlx.api.BatchedEnvironment.Batch;

/**
 * A {@link ContinuousActionVectorEnvironment} whose batches pass through a {@link BatchTransform}
 * after every reset and step; the Box-action twin of {@link TransformedVectorEnvironment}.
 *
 * @param <T> the transform, reachable typed through {@link #transform()}
 */
public final class TransformedContinuousActionVectorEnvironment<T extends BatchTransform<T>>
    extends TransformedEnvironment<ContinuousActionVectorEnvironment, T> implements ContinuousActionVectorEnvironment {

  public TransformedContinuousActionVectorEnvironment(ContinuousActionVectorEnvironment env, T transform) {
    super(env, transform);
  }

  @Override
  public int actionSize() {
    return env.actionSize();
  }

  @Override
  public float[] actionLow() {
    return env.actionLow();
  }

  @Override
  public float[] actionHigh() {
    return env.actionHigh();
  }

  @Override
  public void step(float[] actions, Batch batch) {
    env.step(actions, batch);
    transform.onStep(batch);
  }

  /** A copy of the wrapped environment under {@link BatchTransform#forCopy()} of the transform. */
  @Override
  public TransformedContinuousActionVectorEnvironment<T> copy() {
    return new TransformedContinuousActionVectorEnvironment<>(env.copy(), transform.forCopy());
  }
}
