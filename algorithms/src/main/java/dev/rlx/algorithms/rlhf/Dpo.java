package dev.rlx.algorithms.rlhf;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.rlx.algorithms.deep.Learner;
import dev.rlx.algorithms.deep.Scalars;
import dev.rlx.algorithms.lm.CausalLm;
import dev.rlx.algorithms.lm.TokenBatch;
import dev.rlx.api.TextTask;
import dev.rlx.api.TrialContext;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Direct preference optimisation (references.md §7.4; Rafailov et al. 2023):
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
 *
 * <p>As an algorithm ({@code dpo}; {@code loss: ipo} for {@link Ipo}): an SFT warm start on the
 * task's demonstrations, frozen as π_ref; then epochs over a fixed set of {@code dataset_size}
 * preference pairs — two samples of π_ref per prompt ranked by the task's annotator, or the
 * task's synthetic pairs (its {@code label_noise} flips some labels either way) — a step of
 * the budget being one pair. Logs the implicit-reward margin and the chosen/rejected accuracy on the
 * training batches ({@code rewards/*}) and, on the evaluation schedule, the true reward, the
 * verifier's accuracy, the KL to π_ref and the entropy on held-out prompts ({@link TextEvaluator}).
 */
public record Dpo(DpoParams p, TextTask task, TrialContext context) implements PostTrainingAlgorithm {

  @Inject
  public Dpo {}

  /**
   * SFT warm start → π_ref = frozen copy → epochs over a fixed set of pairs, one step per batch
   * of {@code batch_size} pairs on L_DPO (or L_IPO). A step of the budget is one pair.
   */
  @Override
  public void train(long budget, PolicyTraining.EvaluationSchedule evaluations, SplittableRandom rng, NDManager manager) {
    int pad = task.vocabulary().pad();
    CausalLm policy = p.lm().warmStart(task, p.batchSize(), rng.split(), manager);
    CausalLm reference = policy.copy().freeze();
    PreferencePairs pairs = "task".equals(p.pairs())
        ? PreferencePairs.fromTask(task, p.datasetSize(), rng.split())
        : PreferencePairs.of(referencePairs(task, reference, p.datasetSize(), rng.split()));
    // π_ref's log-probs of every pair, once: the reference never changes.
    float[] refChosen = PolicyTraining.frozenLogProbs(reference, pairs.prompts(), pairs.chosen(), pad, manager);
    float[] refRejected = PolicyTraining.frozenLogProbs(reference, pairs.prompts(), pairs.rejected(), pad, manager);
    Learner learner = new Learner(p.lr(), 1e-8, List.of(policy));
    TextEvaluator evaluator = new TextEvaluator(task, p.lm().evalPrompts(), context.seed());
    evaluator.evaluate(policy, reference, manager).log(context, 0);
    PolicyTraining.Epochs epochs = new PolicyTraining.Epochs(pairs.size(), rng.split());
    new OfflineTraining(context, learner, budget, p.batchSize(), p.lm().maxGradNorm(), 16).run((b, step) -> {
      int[] rows = epochs.next(b);
      TokenBatch chosenBatch = pairs.chosenBatch(rows, pad);
      TokenBatch rejectedBatch = pairs.rejectedBatch(rows, pad);
      NDArray chosenTokens = chosenBatch.tokens(step);
      NDArray rejectedTokens = rejectedBatch.tokens(step);
      NDArray chosenMask = chosenBatch.responseMask(step);
      NDArray rejectedMask = rejectedBatch.responseMask(step);
      NDArray refW = step.create(PolicyTraining.rows(refChosen, rows));
      NDArray refL = step.create(PolicyTraining.rows(refRejected, rows));
      return () -> {
        NDArray logPiW = PolicyTraining.sequenceLogProbs(policy, chosenTokens, chosenMask);
        NDArray logPiL = PolicyTraining.sequenceLogProbs(policy, rejectedTokens, rejectedMask);
        // L_DPO = −E[log σ(β(log π_θ/π_ref)(y_w) − β(log π_θ/π_ref)(y_l))]; IPO: E[(h − 1/(2β))²] (§7.4)
        return "ipo".equals(p.loss())
            ? Ipo.loss(logPiW, logPiL, refW, refL, p.beta())
            : loss(logPiW, logPiL, refW, refL, p.beta());
      };
    }, OfflineTraining.diagnostics(context), evaluations,
        seen -> evaluator.evaluate(policy, reference, manager).log(context, seen), manager);
  }

  @Override
  public BudgetUnit budgetUnit() {
    return new BudgetUnit("dpo", "preference pairs");
  }

  /**
   * Preference data as DPO's is collected (Rafailov et al. 2023, §6): for each prompt two
   * responses sampled from π_ref, ranked by the task's annotator (its hidden true reward, with
   * its label noise). Two identical samples carry no preference: they are drawn again, up to
   * three times.
   */
  static TextTask.PreferencePair[] referencePairs(TextTask task, CausalLm reference, int count, SplittableRandom rng) {
    TextTask.Prompt[] prompts = new TextTask.Prompt[count];
    for (int i = 0; i < count; i++) {
      prompts[i] = task.samplePrompt(rng);
    }
    int[][][] samples = new int[count][][];
    dev.rlx.algorithms.lm.Sampling sampling = dev.rlx.algorithms.lm.Sampling.of(task.maxResponseLength());
    List<Integer> todo = new ArrayList<>(IntStream.range(0, count).boxed().toList());
    for (int round = 0; round < 4 && !todo.isEmpty(); round++) {
      int[][] rows = new int[2 * todo.size()][];
      for (int j = 0; j < todo.size(); j++) {
        rows[2 * j] = prompts[todo.get(j)].tokens();
        rows[2 * j + 1] = prompts[todo.get(j)].tokens();
      }
      int[][] generated = reference.generate(rows, sampling, rng).tokens();
      List<Integer> again = new ArrayList<>();
      for (int j = 0; j < todo.size(); j++) {
        samples[todo.get(j)] = new int[][] {generated[2 * j], generated[2 * j + 1]};
        if (Arrays.equals(generated[2 * j], generated[2 * j + 1])) {
          again.add(todo.get(j));
        }
      }
      todo = again;
    }
    TextTask.PreferencePair[] pairs = new TextTask.PreferencePair[count];
    for (int i = 0; i < count; i++) {
      pairs[i] = task.rank(prompts[i], samples[i][0], samples[i][1], rng);
    }
    return pairs;
  }

  public static PreferenceLoss loss(NDArray chosenLogProbs, NDArray rejectedLogProbs, NDArray refChosenLogProbs,
      NDArray refRejectedLogProbs, double beta) {
    PreferenceLoss.requireLogProbs(chosenLogProbs, rejectedLogProbs, refChosenLogProbs, refRejectedLogProbs, beta);
    NDArray rW = Scalars.mul(chosenLogProbs.sub(refChosenLogProbs.stopGradient()), beta);
    NDArray rL = Scalars.mul(rejectedLogProbs.sub(refRejectedLogProbs.stopGradient()), beta);
    NDArray loss = PreferenceLoss.logSigmoid(rW.sub(rL)).mean().neg();
    return PreferenceLoss.of(loss, rW, rL);
  }
}
