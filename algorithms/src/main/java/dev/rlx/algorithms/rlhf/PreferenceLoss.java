package dev.rlx.algorithms.rlhf;

import ai.djl.ndarray.NDArray;
import java.util.List;
import java.util.Map;

/**
 * A pairwise preference loss and what a trainer logs about it (references.md §7.2, §7.4 exercise 1),
 * shared by {@link RewardModelLoss}, {@link Dpo} and {@link Ipo}.
 *
 * @param loss the scalar loss, differentiable
 * @param rewardMargin mean over pairs of r_w − r_l
 * @param accuracy fraction of pairs with r_w &gt; r_l strictly (a tie counts as wrong)
 * @param chosenReward mean r_w
 * @param rejectedReward mean r_l
 */
public record PreferenceLoss(NDArray loss, double rewardMargin, double accuracy, double chosenReward,
    double rejectedReward) implements PolicyTraining.Objective {

  /** Diagnostics from the rewards of the chosen and the rejected responses, [B] each. */
  static PreferenceLoss of(NDArray loss, NDArray chosen, NDArray rejected) {
    float[] w = chosen.stopGradient().toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
    float[] l = rejected.stopGradient().toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
    double margin = 0;
    double correct = 0;
    double sumW = 0;
    double sumL = 0;
    for (int i = 0; i < w.length; i++) {
      margin += (double) w[i] - l[i];
      correct += w[i] > l[i] ? 1 : 0;
      sumW += w[i];
      sumL += l[i];
    }
    int n = w.length;
    return new PreferenceLoss(loss, margin / n, correct / n, sumW / n, sumL / n);
  }

  /** The fixed metric keys: losses/loss, rewards/margin, rewards/accuracy, rewards/chosen, rewards/rejected. */
  public Map<String, Double> metrics() {
    return PolicyTraining.Objective.metrics(loss,
        List.of("rewards/margin", "rewards/accuracy", "rewards/chosen", "rewards/rejected"),
        rewardMargin, accuracy, chosenReward, rejectedReward);
  }

  /** The four per-pair log-probability sums of DPO and IPO, [B] each, and β &gt; 0. */
  static void requireLogProbs(NDArray chosenLogProbs, NDArray rejectedLogProbs, NDArray refChosenLogProbs,
      NDArray refRejectedLogProbs, double beta) {
    PreferenceLoss.requirePairs(chosenLogProbs, rejectedLogProbs, "chosenLogProbs", "rejectedLogProbs");
    PreferenceLoss.requirePairs(chosenLogProbs, refChosenLogProbs, "chosenLogProbs", "refChosenLogProbs");
    PreferenceLoss.requirePairs(chosenLogProbs, refRejectedLogProbs, "chosenLogProbs", "refRejectedLogProbs");
    Tensors.requirePositive("beta", beta);
  }

  static void requirePairs(NDArray chosen, NDArray rejected, String chosenName, String rejectedName) {
    long b = Tensors.requireSequences(chosenName, chosen);
    Tensors.requireShape(rejectedName, rejected, new ai.djl.ndarray.types.Shape(b), "one value per pair");
    if (b == 0) {
      throw new IllegalArgumentException(chosenName + " is empty: a preference batch needs at least one pair");
    }
  }

  /** log σ(x) = −softplus(−x), stable for large |x|. */
  static NDArray logSigmoid(NDArray x) {
    return ai.djl.nn.Activation.softPlus(x.neg()).neg();
  }
}
