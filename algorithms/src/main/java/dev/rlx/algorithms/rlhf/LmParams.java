package dev.rlx.algorithms.rlhf;

import ai.djl.ndarray.NDManager;
import dev.rlx.algorithms.lm.CausalLm;
import dev.rlx.api.Param;
import dev.rlx.api.Params;
import dev.rlx.api.TextTask;
import java.util.SplittableRandom;

/**
 * The LM settings DPO, KTO and GRPO share, declared once and nested ({@link Params}) in their
 * parameter records: the gradient clip, the SFT warm start whose frozen copy is π_ref, the
 * held-out evaluation and the transformer. SFT, the reward model and ppo-rlhf nest only the
 * {@link TransformerParams}: their warm start reads differently (none; the reward model's
 * initialisation; stage 1), or they have no held-out prompts.
 */
public record LmParams(
    @Param(doc = "global gradient-norm clip", defaultValue = "1.0", min = 0, minExclusive = true)
    double maxGradNorm,
    @Param(doc = "SFT warm-start steps on the task's demonstrations (the reference model π_ref)", defaultValue = "400",
        min = 0, unit = "updates")
    int sftSteps,
    @Param(doc = "SFT warm-start learning rate", defaultValue = "1.0e-3", min = 0, minExclusive = true)
    double sftLr,
    @Param(doc = "held-out prompts per evaluation", defaultValue = "128", min = 1)
    int evalPrompts,
    @Params TransformerParams transformer) {

  /** The SFT warm start ({@link PolicyTraining#warmStart}) of a policy without a value head. */
  CausalLm warmStart(TextTask task, int batchSize, SplittableRandom rng, NDManager manager) {
    return PolicyTraining.warmStart(transformer.config(task, false), task, sftSteps, sftLr, batchSize, rng, manager);
  }
}
