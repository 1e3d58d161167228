package dev.rlx.algorithms.rlhf;

import ai.djl.ndarray.NDManager;
import dev.rlx.algorithms.deep.Learner;
import dev.rlx.algorithms.lm.CausalLm;
import dev.rlx.api.TextTask;
import dev.rlx.api.TrialContext;
import jakarta.inject.Inject;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Supervised fine-tuning, stage 1 of the RLHF pipeline (references.md §7.1):
 *
 * <pre>  L_SFT = −E_(x,y)~D [ (1/|y|) Σ_t log π_θ(y_t | x, y_&lt;t) ]   (response tokens only)</pre>
 *
 * on a stream of fresh demonstrations from the task; a step of the budget is one
 * demonstration. Logs {@code losses/loss} and, on the evaluation schedule, the verifier's
 * accuracy and the true reward of greedy and sampled responses (no reference: no KL).
 */
public record Sft(SftParams p, TextTask task, TrialContext context) implements PostTrainingAlgorithm {

  @Inject
  public Sft {}

  @Override
  public void train(long budget, PolicyTraining.EvaluationSchedule evaluations, SplittableRandom rng, NDManager manager) {
    CausalLm policy = CausalLm.create(p.transformer().config(task, false), manager, rng.nextLong());
    Learner learner = new Learner(p.lr(), 1e-8, List.of(policy));
    TextEvaluator evaluator = new TextEvaluator(task, p.evalPrompts(), context.seed());
    evaluator.evaluate(policy, null, manager).log(context, 0);
    new OfflineTraining(context, learner, budget, p.batchSize(), p.maxGradNorm(), 1).run(
        (b, step) -> PolicyTraining.demonstrations(policy, task, b, rng, step),
        (seen, stepped) -> context.log("losses/loss", seen, stepped.objective().loss().getFloat()),
        evaluations, seen -> evaluator.evaluate(policy, null, manager).log(context, seen), manager);
  }

  @Override
  public BudgetUnit budgetUnit() {
    return new BudgetUnit("sft", "demonstrations");
  }
}
