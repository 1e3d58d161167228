package dev.rlx.algorithms.rlhf;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.rlx.algorithms.lm.CausalLm;
import dev.rlx.algorithms.lm.Generation;
import dev.rlx.algorithms.lm.LmOps;
import dev.rlx.algorithms.lm.Sampling;
import dev.rlx.algorithms.lm.TokenBatch;
import dev.rlx.api.TextTask;
import dev.rlx.api.TrialContext;
import java.util.SplittableRandom;

/**
 * Evaluates a policy on a fixed set of held-out prompts (drawn once per trial from a hash of its
 * seed, never from the training stream): the four RLHF diagnostics of references.md §7.3 plus
 * the verifier's accuracy. Greedy decoding gives {@code eval/accuracy} and {@code eval/reward};
 * samples at temperature 1 (the policy as a distribution) give {@code eval/sample_reward},
 * {@code eval/sample_reward_gain} (its change since the first evaluation: the gain over the
 * starting, SFT policy on the same prompts and sampling seed),
 * {@code eval/kl_ref} (KL(π_θ ‖ π_ref) per response, estimated by k1 = Σ_t log π_θ/π_ref over
 * the sampled tokens, unbiased for sequences drawn from π_θ), {@code eval/entropy} (mean
 * per-token entropy of π_θ along its samples) and {@code eval/response_length}.
 */
public final class TextEvaluator {

  /** One evaluation; NaN KL when there is no reference. */
  public record TextEvaluation(double accuracy, double reward, double sampleReward, double sampleRewardGain,
      double klToReference, double entropy, double responseLength) {

    void log(TrialContext context, long step) {
      context.log("eval/accuracy", step, accuracy);
      context.log("eval/reward", step, reward);
      context.log("eval/sample_reward", step, sampleReward);
      context.log("eval/sample_reward_gain", step, sampleRewardGain);
      if (!Double.isNaN(klToReference)) {
        context.log("eval/kl_ref", step, klToReference);
      }
      context.log("eval/entropy", step, entropy);
      context.log("eval/response_length", step, responseLength);
    }
  }

  private final TextTask task;
  private final TextTask.Prompt[] prompts;
  private final int[][] promptTokens;
  private final long samplingSeed;
  /** The first evaluation's sample reward: the starting (SFT) policy's, on the same prompts. */
  private double initialSampleReward = Double.NaN;

  public TextEvaluator(TextTask task, int promptCount, long trialSeed) {
    this.task = task;
    SplittableRandom rng = new SplittableRandom(evaluationSeed(trialSeed));
    prompts = new TextTask.Prompt[promptCount];
    promptTokens = new int[promptCount][];
    for (int i = 0; i < promptCount; i++) {
      prompts[i] = task.samplePrompt(rng);
      promptTokens[i] = prompts[i].tokens();
    }
    samplingSeed = rng.nextLong();
  }

  /** Held-out prompts differ from the training stream's (seeded by the trial seed itself). */
  static long evaluationSeed(long trialSeed) {
    long z = trialSeed + 0x5DEECE66DL * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Evaluates {@code policy}, its KL measured against {@code reference} (null: none). */
  public TextEvaluation evaluate(CausalLm policy, CausalLm reference, NDManager manager) {
    int maxNew = task.maxResponseLength();
    Generation greedy = policy.generate(promptTokens, Sampling.greedy(maxNew), new SplittableRandom(samplingSeed));
    double correct = 0;
    double reward = 0;
    for (int i = 0; i < prompts.length; i++) {
      correct += task.correct(prompts[i], greedy.tokens()[i]) ? 1 : 0;
      reward += task.reward(prompts[i], greedy.tokens()[i]);
    }
    Generation sampled = policy.generate(promptTokens, Sampling.of(maxNew), new SplittableRandom(samplingSeed));
    double sampleReward = 0;
    double length = 0;
    for (int i = 0; i < prompts.length; i++) {
      sampleReward += task.reward(prompts[i], sampled.tokens()[i]);
      length += sampled.lengths()[i];
    }
    TokenBatch batch = sampled.batch(promptTokens, task.vocabulary().pad());
    double kl = Double.NaN;
    double entropy;
    try (NDManager step = manager.newSubManager()) {
      NDArray tokens = batch.tokens(step);
      NDArray mask = batch.responseMask(step);
      NDArray logits = policy.logits(tokens);
      NDArray logProbs = LmOps.tokenLogProbs(logits, tokens);
      entropy = LmOps.maskedMean(LmOps.entropy(logits.get(":, :-1, :")), mask).getFloat();
      if (reference != null) {
        NDArray refLogProbs = LmOps.tokenLogProbs(reference.logits(tokens), tokens);
        kl = LmOps.maskedSum(logProbs.sub(refLogProbs), mask).mean().getFloat();
      }
    }
    int n = prompts.length;
    if (Double.isNaN(initialSampleReward)) {
      initialSampleReward = sampleReward / n;
    }
    return new TextEvaluation(correct / n, reward / n, sampleReward / n, sampleReward / n - initialSampleReward, kl, entropy,
        length / n);
  }
}
