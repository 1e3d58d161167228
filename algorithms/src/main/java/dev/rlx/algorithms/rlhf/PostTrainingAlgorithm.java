package dev.rlx.algorithms.rlhf;

import ai.djl.ndarray.NDManager;
import dev.rlx.algorithms.deep.DjlRuntime;
import dev.rlx.api.Algorithm;
import dev.rlx.api.TextTask;
import dev.rlx.api.TrialContext;
import java.util.SplittableRandom;

/**
 * What every post-training algorithm does around its own training (rl-reference §VII): start DJL
 * with the trial's seed, read the budget (training examples or generated tokens), set the
 * evaluation schedule, and hold one manager for the trial's arrays. A subclass is one algorithm:
 * its {@link #train(long, PolicyTraining.EvaluationSchedule, SplittableRandom, NDManager)}.
 *
 * @param <P> the algorithm's parameter record
 */
abstract class PostTrainingAlgorithm<P extends Record> implements Algorithm {

  protected final P p;
  protected final TextTask task;
  protected final TrialContext context;
  private final String id;
  private final String budgetUnit;

  /** {@code id} and {@code budgetUnit} name the algorithm and what a step of its budget is, for the budget's error. */
  PostTrainingAlgorithm(P params, TextTask task, TrialContext context, String id, String budgetUnit) {
    this.p = params;
    this.task = task;
    this.context = context;
    this.id = id;
    this.budgetUnit = budgetUnit;
  }

  @Override
  public final void train() {
    DjlRuntime.start(context.seed());
    long budget = PolicyTraining.budget(context, id, budgetUnit);
    PolicyTraining.EvaluationSchedule evaluations = new PolicyTraining.EvaluationSchedule(context, budget);
    SplittableRandom rng = new SplittableRandom(context.seed());
    try (NDManager manager = NDManager.newBaseManager(DjlRuntime.device(context.device()))) {
      train(budget, evaluations, rng, manager);
    }
  }

  /** The algorithm's training on {@code budget} steps, its random draws from {@code rng}, its arrays on {@code manager}. */
  abstract void train(long budget, PolicyTraining.EvaluationSchedule evaluations, SplittableRandom rng,
      NDManager manager);
}
