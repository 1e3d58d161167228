package dev.rlx.algorithms.rlhf;

import dev.rlx.algorithms.lm.TokenBatch;
import dev.rlx.api.TextTask;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A fixed set of preference pairs (x, y_w, y_l) as token rows, row i one pair: the training set
 * of DPO, IPO and the reward model, batched by rows for {@link OfflineTraining}.
 */
record PreferencePairs(int[][] prompts, int[][] chosen, int[][] rejected) {

  static PreferencePairs of(TextTask.PreferencePair[] pairs) {
    return new PreferencePairs(Arrays.stream(pairs).map(pair -> pair.prompt().tokens()).toArray(int[][]::new),
        Arrays.stream(pairs).map(TextTask.PreferencePair::chosen).toArray(int[][]::new),
        Arrays.stream(pairs).map(TextTask.PreferencePair::rejected).toArray(int[][]::new));
  }

  /** {@code count} of the task's own synthetic pairs (its {@code label_noise} flips some). */
  static PreferencePairs fromTask(TextTask task, int count, SplittableRandom rng) {
    TextTask.PreferencePair[] pairs = new TextTask.PreferencePair[count];
    for (int i = 0; i < count; i++) {
      pairs[i] = task.preferencePair(rng);
    }
    return of(pairs);
  }

  int size() {
    return prompts.length;
  }

  /** x · y_w of the pairs {@code rows}, right-padded. */
  TokenBatch chosenBatch(int[] rows, int pad) {
    return TokenBatch.of(PolicyTraining.rows(prompts, rows), PolicyTraining.rows(chosen, rows), pad);
  }

  /** x · y_l of the pairs {@code rows}, right-padded. */
  TokenBatch rejectedBatch(int[] rows, int pad) {
    return TokenBatch.of(PolicyTraining.rows(prompts, rows), PolicyTraining.rows(rejected, rows), pad);
  }
}
