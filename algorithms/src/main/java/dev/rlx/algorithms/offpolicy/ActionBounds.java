package dev.rlx.algorithms.offpolicy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.rlx.api.ContinuousActionVectorEnvironment;

/**
 * An environment's box of actions, [low, high] per component, and the affine map from an
 * actor's tanh output u ∈ [−1, 1] into it: a = bias + scale · u with scale = (high − low)/2 and
 * bias = (high + low)/2 (as CleanRL's actors do). Replay buffers and critics see actions in
 * the environment's units.
 */
public record ActionBounds(float[] low, float[] high) {

  /**
   * The box of {@code env}'s actions; fails naming the component when a bound is not finite (a
   * Gymnasium environment may declare Box(−inf, inf)): a tanh actor can only map into a finite box.
   */
  public static ActionBounds of(ContinuousActionVectorEnvironment env) {
    float[] low = env.actionLow().clone();
    float[] high = env.actionHigh().clone();
    for (int k = 0; k < low.length; k++) {
      if (!Float.isFinite(low[k]) || !Float.isFinite(high[k]) || !(low[k] < high[k])) {
        throw new IllegalArgumentException("the off-policy actor-critics (ddpg, td3, sac) squash their actions into the"
            + " action box with tanh, so every component needs finite bounds low < high; component " + k + " is ["
            + low[k] + ", " + high[k] + "]: give the environment a bounded box (e.g. Gymnasium's RescaleAction or ClipAction"
            + " wrapper in your own registered environment)");
      }
    }
    return new ActionBounds(low, high);
  }

  public int size() {
    return low.length;
  }

  /** (high − low)/2 of component k. */
  public float scale(int k) {
    return (high[k] - low[k]) / 2;
  }

  /** Component k of bias + scale · tanh(z): a pre-squash value in the environment's units, on the host. */
  public float fromTanh(int k, double z) {
    return (float) ((high[k] + low[k]) / 2 + scale(k) * Math.tanh(z));
  }

  /** Component k of a, clipped into [low, high]. */
  public float clip(int k, float a) {
    return Math.max(low[k], Math.min(high[k], a));
  }

  /** The tensors of this map on {@code manager}: scale, bias, low and high, each [1, size]. */
  public Tensors on(NDManager manager) {
    float[] scale = new float[size()];
    float[] bias = new float[size()];
    for (int k = 0; k < size(); k++) {
      scale[k] = scale(k);
      bias[k] = (high[k] + low[k]) / 2;
    }
    Shape row = new Shape(1, size());
    return new Tensors(manager.create(scale, row), manager.create(bias, row), manager.create(low, row),
        manager.create(high, row));
  }

  /** The map as tensors, broadcast over a batch's rows. */
  public record Tensors(NDArray scale, NDArray bias, NDArray low, NDArray high) {

    /** bias + scale · u: a tanh output in environment units. */
    public NDArray fromTanh(NDArray u) {
      return u.mul(scale).add(bias);
    }

    /** a clipped into [low, high], elementwise. */
    public NDArray clip(NDArray a) {
      return a.maximum(low).minimum(high);
    }
  }
}
