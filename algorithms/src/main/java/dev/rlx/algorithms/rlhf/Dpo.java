package dev.rlx.algorithms.rlhf;

import ai.djl.ndarray.NDArray;

/**
 * Direct preference optimisation (rl-reference §7.4; Rafailov et al. 2023):
 *
 * <pre>
 *   r_w = β (log π_θ(y_w|x) − log π_ref(y_w|x)),   r_l = β (log π_θ(y_l|x) − log π_ref(y_l|x))
 *   L_DPO = −E[ log σ(r_w − r_l) ]
 * </pre>
 *
 * Inputs are per-sequence log-probability sums [B] of the chosen and rejected responses under
 * the policy and the frozen reference. The gradient w.r.t. log π_θ(y_w|x) of one pair's loss is
 * −β σ(−(r_w − r_l)) (and +β σ(−(r_w − r_l)) for y_l): a pair the implicit reward already
 * ranks right pushes little. Diagnostics are on the implicit rewards r_w, r_l.
 */
public final class Dpo {

  private Dpo() {}

  public static PreferenceLoss loss(NDArray chosenLogProbs, NDArray rejectedLogProbs, NDArray refChosenLogProbs,
      NDArray refRejectedLogProbs, double beta) {
    PreferenceLoss.requirePairs(chosenLogProbs, rejectedLogProbs, "chosenLogProbs", "rejectedLogProbs");
    PreferenceLoss.requirePairs(chosenLogProbs, refChosenLogProbs, "chosenLogProbs", "refChosenLogProbs");
    PreferenceLoss.requirePairs(chosenLogProbs, refRejectedLogProbs, "chosenLogProbs", "refRejectedLogProbs");
    Tensors.requirePositive("beta", beta);
    float b = (float) beta;
    NDArray rW = chosenLogProbs.sub(refChosenLogProbs.stopGradient()).mul(b);
    NDArray rL = rejectedLogProbs.sub(refRejectedLogProbs.stopGradient()).mul(b);
    NDArray loss = PreferenceLoss.logSigmoid(rW.sub(rL)).mean().neg();
    return PreferenceLoss.of(loss, rW, rL);
  }
}
