package dev.rlx.api.wrappers;

import dev.rlx.api.VectorEnvironment;

/**
 * A discrete-action {@link VectorEnvironment} whose batches pass through a {@link BatchTransform}
 * after every reset and step (Gymnasium's {@code VectorWrapper}). Wrappers stack: wrap a wrapped
 * environment to apply several, innermost first.
 *
 * @param <T> the transform, reachable typed through {@link #transform()}
 */
public final class TransformedVectorEnvironment<T extends BatchTransform<T>> extends TransformedEnvironment<VectorEnvironment, T>
    implements VectorEnvironment {

  public TransformedVectorEnvironment(VectorEnvironment env, T transform) {
    super(env, transform);
  }

  @Override
  public int actionCount() {
    return env.actionCount();
  }

  @Override
  public void step(int[] actions, Batch batch) {
    env.step(actions, batch);
    transform.onStep(batch);
  }

  /** A copy of the wrapped environment under {@link BatchTransform#forCopy()} of the transform. */
  @Override
  public TransformedVectorEnvironment<T> copy() {
    return new TransformedVectorEnvironment<>(env.copy(), transform.forCopy());
  }
}
