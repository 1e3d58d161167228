package dev.rlx.algorithms.offpolicy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.rlx.algorithms.deep.ReplayBuffer;

/**
 * The regression target of every critic in the family,
 * <pre>  y = r + γ (1 − terminated) · v(s')</pre>
 * with v(s') the algorithm's value of the next state (a target critic's, a minimum of two, a
 * soft value). A truncated transition has terminated = false, so it still bootstraps.
 */
public final class BellmanTarget {

  private BellmanTarget() {}

  /** y [B] for minibatch {@code mb} and next-state values {@code nextValue} [B], on {@code m}. */
  public static NDArray of(NDManager m, ReplayBuffer.Batch mb, NDArray nextValue) {
    return of(m.create(mb.rewards()), m.create(mb.notTerminal()), m.create(mb.discounts()), nextValue);
  }

  /** y = r + discount · notTerminal · v. */
  public static NDArray of(NDArray rewards, NDArray notTerminal, NDArray discounts, NDArray nextValue) {
    return rewards.add(nextValue.mul(notTerminal).mul(discounts));
  }
}
