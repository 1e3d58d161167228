package dev.rlx.algorithms.rlhf;

import dev.rlx.algorithms.lm.LmConfig;
import dev.rlx.api.Param;
import dev.rlx.api.TextTask;

/** The shape of the transformer every post-training algorithm trains; nested in their parameter records. */
public record TransformerParams(
    @Param(doc = "transformer width d_model", defaultValue = "64", min = 8)
    int dModel,
    @Param(doc = "transformer layers", defaultValue = "2", min = 1, max = 8)
    int nLayers,
    @Param(doc = "attention heads (must divide d_model)", defaultValue = "4", min = 1)
    int nHeads) {

  /** This shape sized for {@code task} ({@link PolicyTraining#config}), with a scalar value head or without. */
  LmConfig config(TextTask task, boolean valueHead) {
    return PolicyTraining.config(task, dModel, nLayers, nHeads, valueHead);
  }
}
