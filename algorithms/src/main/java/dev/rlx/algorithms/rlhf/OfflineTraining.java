package dev.rlx.algorithms.rlhf;

import ai.djl.ndarray.NDManager;
import dev.rlx.algorithms.deep.Learner;
import dev.rlx.api.TrialContext;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * The loop of the offline post-training algorithms — SFT, DPO and IPO, KTO, the reward model
 * (references.md §7.1, §7.2, §7.4, §7.5): batches of {@code batchSize} examples until the budget's
 * examples are seen (the last batch short), one learner step on each batch's objective, the step
 * logged every {@code logEvery} batches and at the end of the budget, and an evaluation whenever
 * the schedule is due. The algorithm supplies its batches (drawing its examples and building its
 * loss, {@link Batches}) and what it logs of a step ({@link StepLog}).
 *
 * @param logEvery batches between two logged steps: 16 for the preference losses, 1 for SFT
 */
record OfflineTraining(TrialContext context, Learner learner, long budget, int batchSize, double maxGradNorm,
    int logEvery) {

  /** The objective of the next {@code size} examples: its inputs made on {@code step} now, its graph when the learner asks. */
  @FunctionalInterface
  interface Batches<T extends Learner.Objective> {
    Supplier<T> next(int size, NDManager step);
  }

  /** What is logged of a step, {@code seen} examples into the budget (the step's arrays are still open). */
  @FunctionalInterface
  interface StepLog<T extends Learner.Objective> {
    void log(long seen, Learner.Step<T> step);
  }

  /** Runs the loop; {@code evaluate} is called with the examples seen whenever {@code evaluations} is due. */
  <T extends Learner.Objective> void run(Batches<T> batches, StepLog<T> log,
      PolicyTraining.EvaluationSchedule evaluations, LongConsumer evaluate, NDManager manager) {
    long seen = 0;
    while (seen < budget && !context.isCancelled()) {
      int b = (int) Math.min(batchSize, budget - seen);
      try (NDManager step = manager.newSubManager()) {
        Learner.Step<T> stepped = learner.step(batches.next(b, step), maxGradNorm);
        seen += b;
        if (seen % ((long) logEvery * batchSize) < b || seen >= budget) {
          log.log(seen, stepped);
        }
      }
      if (evaluations.due(seen)) {
        evaluate.accept(seen);
      }
    }
  }

  /** The usual step log: the objective's diagnostics (the finite ones) and the gradient norm. */
  static <T extends PolicyTraining.Objective> StepLog<T> diagnostics(TrialContext context) {
    return (seen, stepped) -> {
      PolicyTraining.log(context, seen, stepped.objective().metrics());
      context.log("losses/grad_norm", seen, stepped.gradNorm());
    };
  }
}
