package dev.rlx.algorithms.rlhf;

import ai.djl.ndarray.NDManager;
import dev.rlx.algorithms.deep.DjlRuntime;
import dev.rlx.algorithms.deep.Learner;
import dev.rlx.algorithms.lm.CausalLm;
import dev.rlx.api.Algorithm;
import dev.rlx.api.TextTask;
import dev.rlx.api.TrialContext;
import jakarta.inject.Inject;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Supervised fine-tuning, stage 1 of the RLHF pipeline (rl-reference §7.1):
 *
 * <pre>  L_SFT = −E_(x,y)~D [ (1/|y|) Σ_t log π_θ(y_t | x, y_&lt;t) ]   (response tokens only)</pre>
 *
 * on a stream of fresh demonstrations from the task; a step of the budget is one
 * demonstration. Logs {@code losses/loss} and, on the evaluation schedule, the verifier's
 * accuracy and the true reward of greedy and sampled responses (no reference: no KL).
 */
public final class Sft implements Algorithm {

  private final SftParams p;
  private final TextTask task;
  private final TrialContext context;

  @Inject
  Sft(SftParams params, TextTask task, TrialContext context) {
    this.p = params;
    this.task = task;
    this.context = context;
  }

  @Override
  public void train() {
    DjlRuntime.start(context.seed());
    long budget = PolicyTraining.budget(context, "sft", "demonstrations");
    PolicyTraining.EvaluationSchedule evaluations = new PolicyTraining.EvaluationSchedule(context, budget);
    SplittableRandom rng = new SplittableRandom(context.seed());
    try (NDManager manager = NDManager.newBaseManager(DjlRuntime.device(context.device()))) {
      CausalLm policy = CausalLm.create(p.transformer().config(task, false),
          manager, rng.nextLong());
      Learner learner = new Learner(p.lr(), 1e-8, List.of(policy));
      TextEvaluator evaluator = new TextEvaluator(task, p.evalPrompts(), context.seed());
      evaluator.evaluate(policy, null, manager).log(context, 0);
      long seen = 0;
      while (seen < budget && !context.isCancelled()) {
        int b = (int) Math.min(p.batchSize(), budget - seen);
        double loss = PolicyTraining.supervisedStep(policy, learner, task, b, p.maxGradNorm(), rng, manager);
        seen += b;
        context.log("losses/loss", seen, loss);
        if (evaluations.due(seen)) {
          evaluator.evaluate(policy, null, manager).log(context, seen);
        }
      }
    }
  }
}
