package dev.rlx.algorithms.rlhf;

import ai.djl.ndarray.NDArray;
import dev.rlx.algorithms.deep.Scalars;

/**
 * Identity preference optimisation (references.md §7.4 exercise 3; Azar et al. 2023): DPO's
 * logistic loss replaced by a squared one that stops at a target margin,
 *
 * <pre>
 *   h_θ   = (log π_θ(y_w|x) − log π_ref(y_w|x)) − (log π_θ(y_l|x) − log π_ref(y_l|x))
 *   L_IPO = E[ (h_θ − 1/(2β))² ]
 * </pre>
 *
 * Inputs as {@link Dpo}. The diagnostics report the implicit rewards β·(log π_θ − log π_ref) as
 * DPO's do (TRL's convention), so the margin is β·E[h_θ], whose optimum is ½.
 */
public final class Ipo {

  private Ipo() {}

  public static PreferenceLoss loss(NDArray chosenLogProbs, NDArray rejectedLogProbs, NDArray refChosenLogProbs,
      NDArray refRejectedLogProbs, double beta) {
    PreferenceLoss.requireLogProbs(chosenLogProbs, rejectedLogProbs, refChosenLogProbs, refRejectedLogProbs, beta);
    NDArray logRatioW = chosenLogProbs.sub(refChosenLogProbs.stopGradient());
    NDArray logRatioL = rejectedLogProbs.sub(refRejectedLogProbs.stopGradient());
    NDArray h = logRatioW.sub(logRatioL);
    NDArray loss = h.sub((float) (1 / (2 * beta))).square().mean();
    return PreferenceLoss.of(loss, Scalars.mul(logRatioW, beta), Scalars.mul(logRatioL, beta));
  }
}
