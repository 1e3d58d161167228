package dev.rlx.algorithms.dqn;

import ai.djl.ndarray.NDArray;
import dev.rlx.api.TrialContext;
import dev.rlx.api.VectorEnvironment;
import jakarta.inject.Inject;

/**
 * Double DQN (references.md §2.4; van Hasselt, Guez &amp; Silver 2016): the online network
 * selects the next action, the target network evaluates it, which removes the upward bias of
 * the max over noisy estimates —
 * <pre>  y = r + γ (1 − terminated) Q_θ⁻(s', argmax_a' Q_θ(s', a'))</pre>
 */
public final class DoubleDqn extends DeepQLearning {

  @Inject
  DoubleDqn(DqnParams params, VectorEnvironment env, TrialContext context) {
    super(params, env, context, DoubleDqn::bootstrap);
  }

  /** Q_θ⁻(s', argmax_a' Q_θ(s', a')) per row: the online net selects, the target net evaluates. */
  static NDArray bootstrap(NDArray onlineNext, NDArray targetNext) {
    return targetNext.gather(onlineNext.argMax(1).reshape(-1, 1), 1).reshape(-1);
  }
}
