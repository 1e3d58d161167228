package dev.rlx.algorithms.rlhf;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.rlx.algorithms.deep.Learner;
import dev.rlx.algorithms.lm.CausalLm;
import dev.rlx.algorithms.lm.LmOps;
import dev.rlx.algorithms.lm.TokenBatch;
import dev.rlx.api.TextTask;
import dev.rlx.api.TrialContext;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.LongConsumer;

/**
 * Reward modelling, stage 2 of the RLHF pipeline (references.md §7.2): the SFT model with a scalar
 * head r_φ(x, y) on the hidden state of the last token of x·y, fit by maximum likelihood under
 * Bradley–Terry,
 *
 * <pre>  P(y_w ≻ y_l | x) = σ(r_φ(x, y_w) − r_φ(x, y_l)),   L_RM = −E[ log σ(r_w − r_l) ]</pre>
 *
 * (or the margin loss of exercise 2) on a fixed set of the task's preference pairs, labels
 * flipped at the task's {@code label_noise}. On the evaluation schedule it logs
 * {@code eval/pairwise_accuracy}: the fraction of held-out pairs, ordered by the task's hidden
 * true reward (never flipped; ties left out), that r_φ ranks right. A step of the budget is one
 * training pair. {@link #fit} is also the RM stage of {@code ppo-rlhf}.
 */
public record RewardModel(RewardModelParams p, TextTask task, TrialContext context) implements PostTrainingAlgorithm {

  @Inject
  public RewardModel {}

  @Override
  public void train(long budget, PolicyTraining.EvaluationSchedule evaluations, SplittableRandom rng, NDManager manager) {
    CausalLm rm = PolicyTraining.warmStart(p.transformer().config(task, true), task, p.sftSteps(), p.sftLr(), 32,
        rng.split(), manager);
    HeldOutPairs heldOut = new HeldOutPairs(task, p.evalPairs(), TextEvaluator.evaluationSeed(context.seed()));
    context.log("eval/pairwise_accuracy", 0, heldOut.accuracy(rm, manager));
    fit(rm, task, p, budget, rng.split(), manager, context, "", evaluations,
        seen -> context.log("eval/pairwise_accuracy", seen, heldOut.accuracy(rm, manager)));
  }

  @Override
  public BudgetUnit budgetUnit() {
    return new BudgetUnit("reward-model", "preference pairs");
  }

  /**
   * Fits {@code rm} to {@code budget} pairs drawn in epochs from a fixed set of
   * {@code dataset_size} pairs, logging the loss's diagnostics (keys prefixed with
   * {@code keyPrefix}); calls {@code evaluate} with the pairs seen so far whenever
   * {@code evaluations} is due.
   */
  static void fit(CausalLm rm, TextTask task, RewardModelParams p, long budget, SplittableRandom rng, NDManager manager,
      TrialContext context, String keyPrefix, PolicyTraining.EvaluationSchedule evaluations, LongConsumer evaluate) {
    PreferencePairs pairs = PreferencePairs.fromTask(task, p.datasetSize(), rng.split());
    int pad = task.vocabulary().pad();
    Learner learner = new Learner(p.lr(), 1e-8, List.of(rm));
    PolicyTraining.Epochs epochs = new PolicyTraining.Epochs(pairs.size(), rng.split());
    new OfflineTraining(context, learner, budget, p.batchSize(), p.maxGradNorm(), 16).run((b, step) -> {
      int[] rows = epochs.next(b);
      TokenBatch chosenBatch = pairs.chosenBatch(rows, pad);
      TokenBatch rejectedBatch = pairs.rejectedBatch(rows, pad);
      NDArray chosenTokens = chosenBatch.tokens(step);
      NDArray rejectedTokens = rejectedBatch.tokens(step);
      return () -> {
        NDArray rW = rewards(rm, chosenTokens, chosenBatch);
        NDArray rL = rewards(rm, rejectedTokens, rejectedBatch);
        // L_RM = −E[log σ(r_w − r_l)]  (§7.2), or E[max(0, m − (r_w − r_l))]  (exercise 2)
        return "hinge".equals(p.loss()) ? RewardModelLoss.hinge(rW, rL, p.margin()) : RewardModelLoss.bradleyTerry(rW, rL);
      };
    }, (seen, stepped) -> {
      stepped.objective().metrics().forEach((key, value) -> context.log(keyPrefix + key, seen, value));
      context.log(keyPrefix + "losses/grad_norm", seen, stepped.gradNorm());
    }, evaluations, evaluate, manager);
  }

  /** r_φ(x, y): the scalar head at each row's last real token, [B]. */
  static NDArray rewards(CausalLm rm, NDArray tokens, TokenBatch batch) {
    return LmOps.atPositions(rm.forward(tokens).values(), batch.lastPositions());
  }

  /** r_φ of each (prompt, response), without gradients. */
  static float[] score(CausalLm rm, int[][] prompts, int[][] responses, int padId, NDManager manager) {
    TokenBatch batch = TokenBatch.of(prompts, responses, padId);
    try (NDManager step = manager.newSubManager()) {
      return rewards(rm, batch.tokens(step), batch).toFloatArray();
    }
  }

  /** Held-out pairs ordered by the task's true reward, for the reward model's pairwise accuracy. */
  static final class HeldOutPairs {
    private final int[][] prompts;
    private final int[][] better;
    private final int[][] worse;
    private final int pad;

    HeldOutPairs(TextTask task, int count, long seed) {
      SplittableRandom rng = new SplittableRandom(seed);
      List<int[]> x = new ArrayList<>();
      List<int[]> w = new ArrayList<>();
      List<int[]> l = new ArrayList<>();
      for (int tries = 0; x.size() < count && tries < 20 * count; tries++) {
        TextTask.PreferencePair pair = task.preferencePair(rng);
        double rChosen = task.reward(pair.prompt(), pair.chosen());
        double rRejected = task.reward(pair.prompt(), pair.rejected());
        if (rChosen == rRejected) {
          continue; // the truth does not order a tie
        }
        x.add(pair.prompt().tokens());
        w.add(rChosen > rRejected ? pair.chosen() : pair.rejected());
        l.add(rChosen > rRejected ? pair.rejected() : pair.chosen());
      }
      prompts = x.toArray(int[][]::new);
      better = w.toArray(int[][]::new);
      worse = l.toArray(int[][]::new);
      pad = task.vocabulary().pad();
    }

    /** The fraction of pairs with r_φ(better) &gt; r_φ(worse). */
    double accuracy(CausalLm rm, NDManager manager) {
      float[] rBetter = score(rm, prompts, better, pad, manager);
      float[] rWorse = score(rm, prompts, worse, pad, manager);
      int right = 0;
      for (int i = 0; i < rBetter.length; i++) {
        right += rBetter[i] > rWorse[i] ? 1 : 0;
      }
      return (double) right / Math.max(1, rBetter.length);
    }
  }
}
