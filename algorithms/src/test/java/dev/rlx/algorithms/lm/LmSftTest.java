package dev.rlx.algorithms.lm;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.rlx.algorithms.deep.DjlRuntime;
import dev.rlx.algorithms.deep.Learner;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Supervised fine-tuning end to end: cross-entropy on the response tokens only teaches the
 * default-size model to reverse a string of 2–5 digits (prompts of different lengths, so right
 * padding and per-row masks are exercised), judged by exact match of greedy generations on
 * prompts drawn apart from training.
 */
class LmSftTest {

  static final int PAD = 0;
  static final int BOS = 1;
  static final int EOS = 2;
  static final int SEP = 3;
  static final int DIGIT0 = 4; // digits 0–9 are tokens 4–13

  /** BOS d₁ … d_n SEP. */
  static int[] prompt(int[] digits) {
    int[] p = new int[digits.length + 2];
    p[0] = BOS;
    for (int j = 0; j < digits.length; j++) {
      p[j + 1] = DIGIT0 + digits[j];
    }
    p[p.length - 1] = SEP;
    return p;
  }

  /** d_n … d₁ EOS. */
  static int[] answer(int[] digits) {
    int[] a = new int[digits.length + 1];
    for (int j = 0; j < digits.length; j++) {
      a[j] = DIGIT0 + digits[digits.length - 1 - j];
    }
    a[digits.length] = EOS;
    return a;
  }

  /** {@code n} random digit strings as rows of prompts (examples[0]) and their answers (examples[1]). */
  static int[][][] examples(SplittableRandom rng, int n) {
    int[][] prompts = new int[n][];
    int[][] answers = new int[n][];
    for (int i = 0; i < n; i++) {
      int[] d = digits(rng);
      prompts[i] = prompt(d);
      answers[i] = answer(d);
    }
    return new int[][][] {prompts, answers};
  }

  static int[] digits(SplittableRandom rng) {
    int[] d = new int[2 + rng.nextInt(4)];
    for (int j = 0; j < d.length; j++) {
      d[j] = rng.nextInt(10);
    }
    return d;
  }

  @Test
  void crossEntropyOnResponsesTeachesReversalToNinetyPercentExactMatch() {
    DjlRuntime.start(1);
    LmConfig config = LmConfig.of(DIGIT0 + 10, PAD, BOS, EOS).withMaxLength(16);
    SplittableRandom data = new SplittableRandom(42);
    int batchSize = 64;
    try (NDManager manager = NDManager.newBaseManager()) {
      CausalLm lm = CausalLm.create(config, manager, 1);
      Learner learner = new Learner(3e-3, 1e-8, List.of(lm));
      long start = System.nanoTime();
      double accuracy = 0;
      StringBuilder progress = new StringBuilder();
      int step = 0;
      while (step < 2000 && accuracy < 0.97) {
        for (int k = 0; k < 50; k++, step++) {
          int[][][] examples = examples(data, batchSize);
          TokenBatch batch = TokenBatch.of(examples[0], examples[1], PAD);
          try (NDManager m = manager.newSubManager()) {
            NDArray tokens = batch.tokens(m);
            NDArray mask = batch.responseMask(m);
            learner.step(() -> new Learner.Loss(LmOps.maskedMean(LmOps.tokenLogProbs(lm.logits(tokens), tokens), mask).neg()), 1.0);
          }
        }
        accuracy = exactMatch(lm, new SplittableRandom(7), 256);
        progress.append(String.format("step %d: exact match %.3f, %.1f s%n", step, accuracy, (System.nanoTime() - start) / 1e9));
      }
      assertThat(accuracy).as(progress.toString()).isGreaterThanOrEqualTo(0.9);
    }
  }

  /** The fraction of {@code n} random prompts whose greedy continuation is exactly the reversal and EOS. */
  static double exactMatch(CausalLm lm, SplittableRandom rng, int n) {
    int[][][] examples = examples(rng, n);
    int[][] answers = examples[1];
    Generation g = lm.generate(examples[0], Sampling.greedy(6), new SplittableRandom(0));
    int correct = 0;
    for (int i = 0; i < n; i++) {
      correct += Arrays.equals(g.tokens()[i], answers[i]) ? 1 : 0;
    }
    return (double) correct / n;
  }
}
