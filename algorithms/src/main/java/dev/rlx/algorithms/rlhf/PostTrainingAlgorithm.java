package dev.rlx.algorithms.rlhf;

import ai.djl.ndarray.NDManager;
import dev.rlx.algorithms.deep.DjlRuntime;
import dev.rlx.api.Algorithm;
import dev.rlx.api.TrialContext;
import java.util.SplittableRandom;

/**
 * What every post-training algorithm does around its own training (references.md §VII): start DJL
 * with the trial's seed, read the budget (training examples or generated tokens), set the
 * evaluation schedule, and hold one manager for the trial's arrays. An implementation is one
 * algorithm, a record of its injected parameters, task and context: its
 * {@link #train(long, PolicyTraining.EvaluationSchedule, SplittableRandom, NDManager)} and the
 * {@link #budgetUnit()} it counts.
 */
interface PostTrainingAlgorithm extends Algorithm {

  /** The algorithm's name and what one step of its budget is, for the error when the budget is not in env_steps. */
  record BudgetUnit(String algorithm, String unit) {}

  TrialContext context();

  BudgetUnit budgetUnit();

  /** The algorithm's training on {@code budget} steps, its random draws from {@code rng}, its arrays on {@code manager}. */
  void train(long budget, PolicyTraining.EvaluationSchedule evaluations, SplittableRandom rng, NDManager manager);

  @Override
  default void train() {
    TrialContext context = context();
    DjlRuntime.start(context.seed());
    long budget = PolicyTraining.budget(context, budgetUnit().algorithm(), budgetUnit().unit());
    PolicyTraining.EvaluationSchedule evaluations = new PolicyTraining.EvaluationSchedule(context, budget);
    SplittableRandom rng = new SplittableRandom(context.seed());
    try (NDManager manager = NDManager.newBaseManager(DjlRuntime.device(context.device()))) {
      train(budget, evaluations, rng, manager);
    }
  }
}
