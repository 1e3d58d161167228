package dev.rlx.api.wrappers;

import dev.rlx.api.VectorEnvironment;

/**
 * A discrete-action {@link VectorEnvironment} whose batches pass through a {@link BatchTransform}
 * after every reset and step (Gymnasium's {@code VectorWrapper}). Wrappers stack: wrap a wrapped
 * environment to apply several, innermost first.
 *
 * @param <T> the transform, reachable typed through {@link #transform()}
 */
public final class TransformedVectorEnvironment<T extends BatchTransform<T>> implements VectorEnvironment {

  private final VectorEnvironment env;
  private final T transform;

  public TransformedVectorEnvironment(VectorEnvironment env, T transform) {
    this.env = env;
    this.transform = transform;
  }

  /** The transform applied to this environment's batches. */
  public T transform() {
    return transform;
  }

  /** The environment this one wraps. */
  public VectorEnvironment wrapped() {
    return env;
  }

  @Override
  public int observationSize() {
    return env.observationSize();
  }

  @Override
  public int actionCount() {
    return env.actionCount();
  }

  @Override
  public void reset(long seed, Batch batch) {
    env.reset(seed, batch);
    transform.onReset(batch);
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
