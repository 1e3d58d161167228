package dev.rlx.algorithms.deep;

import dev.rlx.api.BatchedEnvironment;
import dev.rlx.api.ContinuousActionVectorEnvironment;
import dev.rlx.api.VectorEnvironment;
import dev.rlx.api.wrappers.BatchTransform;
import dev.rlx.api.wrappers.TransformedContinuousActionVectorEnvironment;
import dev.rlx.api.wrappers.TransformedVectorEnvironment;

/**
 * A vectorised environment as the on-policy collector acts in it: stepped with the float
 * actions a {@link PolicyDistribution} samples (a categorical's index, a Gaussian's vector),
 * whatever its action space. The space is found once, from the environment's type
 * ({@link #of}); wrapping and copying keep it.
 */
public sealed interface ActingEnvironment {

  /** The discrete or continuous view of {@code env}. */
  static ActingEnvironment of(BatchedEnvironment env) {
    if (env instanceof VectorEnvironment discrete) {
      return new Discrete(discrete);
    }
    if (env instanceof ContinuousActionVectorEnvironment continuous) {
      return new Continuous(continuous);
    }
    throw new IllegalArgumentException(env.getClass().getSimpleName()
        + " is neither a VectorEnvironment nor a ContinuousActionVectorEnvironment");
  }

  BatchedEnvironment environment();

  /** The distribution family the action space calls for. */
  PolicyDistribution policy();

  /** This environment with {@code transform} applied to its batches. */
  <T extends BatchTransform<T>> ActingEnvironment wrap(T transform);

  /** A new, independent environment with the same parameters. */
  ActingEnvironment copy();

  /** Takes row i of {@code actions} ({@link PolicyDistribution#actionWidth()} wide) in copy i. */
  void step(float[] actions, VectorEnvironment.Batch into);

  /** Discrete actions: the sampled index, stored as a float, is cast back. */
  final class Discrete implements ActingEnvironment {
    private final VectorEnvironment env;
    private int[] indices = new int[0];

    Discrete(VectorEnvironment env) {
      this.env = env;
    }

    @Override
    public BatchedEnvironment environment() {
      return env;
    }

    @Override
    public PolicyDistribution policy() {
      return new CategoricalPolicy(env.actionCount());
    }

    @Override
    public <T extends BatchTransform<T>> ActingEnvironment wrap(T transform) {
      return new Discrete(new TransformedVectorEnvironment<>(env, transform));
    }

    @Override
    public ActingEnvironment copy() {
      return new Discrete(env.copy());
    }

    @Override
    public void step(float[] actions, VectorEnvironment.Batch into) {
      if (indices.length != into.size()) {
        indices = new int[into.size()];
      }
      for (int i = 0; i < into.size(); i++) {
        indices[i] = (int) actions[i];
      }
      env.step(indices, into);
    }
  }

  /** Real-valued actions, passed as they are. */
  final class Continuous implements ActingEnvironment {
    private final ContinuousActionVectorEnvironment env;

    Continuous(ContinuousActionVectorEnvironment env) {
      this.env = env;
    }

    @Override
    public BatchedEnvironment environment() {
      return env;
    }

    @Override
    public PolicyDistribution policy() {
      return new GaussianPolicy(env.actionSize(), false);
    }

    @Override
    public <T extends BatchTransform<T>> ActingEnvironment wrap(T transform) {
      return new Continuous(new TransformedContinuousActionVectorEnvironment<>(env, transform));
    }

    @Override
    public ActingEnvironment copy() {
      return new Continuous(env.copy());
    }

    @Override
    public void step(float[] actions, VectorEnvironment.Batch into) {
      env.step(actions, into);
    }
  }
}
