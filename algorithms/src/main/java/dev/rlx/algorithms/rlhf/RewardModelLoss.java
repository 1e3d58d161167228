package dev.rlx.algorithms.rlhf;

import ai.djl.ndarray.NDArray;
import dev.rlx.algorithms.deep.Scalars;

/**
 * Reward-model training losses on preference pairs (x, y_w, y_l) (references.md §7.2), from the
 * model's scalar rewards r_w = r_φ(x, y_w) and r_l = r_φ(x, y_l), [B] each.
 */
public final class RewardModelLoss {

  private RewardModelLoss() {}

  /** Bradley–Terry maximum likelihood: L_RM = −E[log σ(r_w − r_l)] (§7.2). */
  public static PreferenceLoss bradleyTerry(NDArray chosenRewards, NDArray rejectedRewards) {
    PreferenceLoss.requirePairs(chosenRewards, rejectedRewards, "chosenRewards", "rejectedRewards");
    NDArray loss = PreferenceLoss.logSigmoid(chosenRewards.sub(rejectedRewards)).mean().neg();
    return PreferenceLoss.of(loss, chosenRewards, rejectedRewards);
  }

  /**
   * The margin (hinge) variant of §7.2 exercise 2: L = E[max(0, m − (r_w − r_l))], which stops
   * pushing on a pair once r_w − r_l &gt; m.
   */
  public static PreferenceLoss hinge(NDArray chosenRewards, NDArray rejectedRewards, double margin) {
    PreferenceLoss.requirePairs(chosenRewards, rejectedRewards, "chosenRewards", "rejectedRewards");
    if (!(margin >= 0) || Double.isInfinite(margin)) {
      throw new IllegalArgumentException("margin must be ≥ 0 and finite (0.5–1.0 per §7.2), found " + margin);
    }
    NDArray loss = Scalars.maximum(chosenRewards.sub(rejectedRewards).neg().add((float) margin), 0).mean();
    return PreferenceLoss.of(loss, chosenRewards, rejectedRewards);
  }
}
