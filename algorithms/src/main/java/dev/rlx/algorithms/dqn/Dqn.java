package dev.rlx.algorithms.dqn;

import ai.djl.ndarray.NDArray;
import dev.rlx.api.TrialContext;
import dev.rlx.api.VectorEnvironment;
import jakarta.inject.Inject;

/**
 * DQN (references.md §2.3; Mnih et al. 2015): the target network both selects and evaluates
 * the next action —
 * <pre>  y = r + γ (1 − terminated) max_a' Q_θ⁻(s', a')</pre>
 */
public final class Dqn extends DeepQLearning {

  @Inject
  Dqn(DqnParams params, VectorEnvironment env, TrialContext context) {
    super(params, env, context, Dqn::bootstrap);
  }

  /** max_a' Q_θ⁻(s', a') per row of the target network's output [B, A]. */
  static NDArray bootstrap(NDArray onlineNext, NDArray targetNext) {
    return targetNext.max(new int[] {1});
  }
}
