package dev.rlx.algorithms.sac;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import dev.rlx.algorithms.deep.Learner;
import dev.rlx.algorithms.deep.Scalars;
import dev.rlx.algorithms.offpolicy.ScalarParameter;
import java.util.List;

/**
 * SAC's temperature α (references.md §4.3, exercise 2): fixed, or learned by dual gradient
 * descent on the constraint H̄(π) ≥ H_target,
 * <pre>  L(log α) = −log α · (E[log π(a|s)] + H_target)</pre>
 * whose gradient −(E[log π] + H_target) is negative — α grows — when the policy's entropy
 * −E[log π] is below the target, and positive — α shrinks — when above it.
 */
final class Temperature {

  private final boolean learned;
  private final double targetEntropy;
  private final ScalarParameter logAlpha;
  private final ParameterStore store;
  private final Learner learner;
  private double alpha;
  private double lastLoss;

  Temperature(SoftActorCriticSettings settings, double targetEntropy, NDManager manager) {
    this.learned = settings.autotune();
    this.targetEntropy = targetEntropy;
    this.alpha = learned ? 1.0 : settings.alpha();
    this.logAlpha = learned ? new ScalarParameter("log_alpha", 0.0, manager) : null;
    this.store = new ParameterStore(manager, false);
    this.learner = learned ? new Learner(settings.alphaLr(), 1e-8, List.of(logAlpha)) : null;
  }

  /** The current α. */
  double alpha() {
    return alpha;
  }

  /** L(log α) of the last update (0 when α is fixed). */
  double lastLoss() {
    return lastLoss;
  }

  double targetEntropy() {
    return targetEntropy;
  }

  /** One dual step given E[log π(a|s)] over a minibatch, measured with the policy of this update. */
  void update(double meanLogProb) {
    if (!learned) {
      return;
    }
    double slack = meanLogProb + targetEntropy;
    Learner.Step<DualLoss> step = learner.step(() -> {
      NDArray product = Scalars.mul(logAlpha.value(store), -slack);
      return new DualLoss(product.sum(), product);
    }, Double.POSITIVE_INFINITY);
    lastLoss = step.objective().loss().getFloat();
    // Both land on log α's manager, which lives as long as the trial (docs/djl.md §6): close them.
    step.objective().loss().close();
    step.objective().product().close();
    alpha = Math.exp(logAlpha.value(store).getFloat());
  }

  /** L(log α) and the product it sums. */
  private record DualLoss(NDArray loss, NDArray product) implements Learner.Objective {}
}
