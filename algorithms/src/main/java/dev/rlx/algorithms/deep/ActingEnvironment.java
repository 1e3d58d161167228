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
public sealed interface ActingEnvironment extends AutoCloseable {

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

  /** A new, independent environment with the same parameters; close it after use. */
  ActingEnvironment copy();

  /** Closes the environment (a copy's Gymnasium workers go back to the trial's bridge). */
  @Override
  default void close() {
    environment().close();
  }

  /** Takes row i of {@code actions} ({@link PolicyDistribution#actionWidth()} wide) in copy i. */
  void step(float[] actions, VectorEnvironment.Batch into);

  /**
   * Writes one action per copy drawn uniformly from the action space: an index, or a vector
   * uniform within the bounds (the random warm-up of off-policy methods, references.md §4).
   */
  void uniformActions(java.util.SplittableRandom rng, float[] into);

  /**
   * Discrete actions: the sampled index, stored as a float, is cast back into a scratch array
   * reused from step to step (a step allocates nothing).
   */
  final class Discrete implements ActingEnvironment {

    private final VectorEnvironment environment;
    private int[] indices = new int[0];

    Discrete(VectorEnvironment environment) {
      this.environment = environment;
    }

    @Override
    public VectorEnvironment environment() {
      return environment;
    }

    @Override
    public PolicyDistribution policy() {
      return new CategoricalPolicy(environment.actionCount());
    }

    @Override
    public void step(float[] actions, VectorEnvironment.Batch into) {
      if (indices.length != into.size()) {
        indices = new int[into.size()];
      }
      for (int i = 0; i < indices.length; i++) {
        indices[i] = (int) actions[i];
      }
      environment.step(indices, into);
    }

    @Override
    public void uniformActions(java.util.SplittableRandom rng, float[] into) {
      for (int i = 0; i < into.length; i++) {
        into[i] = rng.nextInt(environment.actionCount());
      }
    }

    @Override
    public <T extends BatchTransform<T>> ActingEnvironment wrap(T transform) {
      return new Discrete(new TransformedVectorEnvironment<>(environment, transform));
    }

    @Override
    public ActingEnvironment copy() {
      return new Discrete(environment.copy());
    }
  }

  /** Real-valued actions, passed as they are. */
  record Continuous(ContinuousActionVectorEnvironment environment) implements ActingEnvironment {

    @Override
    public PolicyDistribution policy() {
      return new GaussianPolicy(environment.actionSize(), false);
    }

    @Override
    public void step(float[] actions, VectorEnvironment.Batch into) {
      environment.step(actions, into);
    }

    @Override
    public void uniformActions(java.util.SplittableRandom rng, float[] into) {
      float[] low = environment.actionLow();
      float[] high = environment.actionHigh();
      for (int i = 0; i < into.length; i++) {
        int k = i % low.length;
        into[i] = low[k] + (float) rng.nextDouble() * (high[k] - low[k]);
      }
    }

    @Override
    public <T extends BatchTransform<T>> ActingEnvironment wrap(T transform) {
      return new Continuous(new TransformedContinuousActionVectorEnvironment<>(environment, transform));
    }

    @Override
    public ActingEnvironment copy() {
      return new Continuous(environment.copy());
    }
  }
}
