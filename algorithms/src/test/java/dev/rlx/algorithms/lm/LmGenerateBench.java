package dev.rlx.algorithms.lm;

import ai.djl.ndarray.NDManager;
import dev.rlx.algorithms.deep.DjlRuntime;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Generated tokens per second of {@link CausalLm#generate} at batch 1 and batch 64, with and
 * without the KV cache (scripts/bench/lm-generate.sh runs it on one thread). The default model
 * (dModel 64, 2 layers, 4 heads) over 32 tokens, with maxLength 32 (up to 24 new tokens) and 128
 * (up to 120); 64 prompts of 4–8 tokens, sampled at temperature 1 (rows stop at EOS). Batch 1 generates the 64 prompts one by one;
 * batch 64 all at once. Medians of {@code reps} repetitions after a warm-up.
 */
public final class LmGenerateBench {

  public static void main(String[] args) {
    int reps = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    DjlRuntime.start(1);
    try (NDManager manager = NDManager.newBaseManager()) {
      // maxLength 32 (the default) with up to 24 new tokens, and maxLength 128 with up to 120
      for (int[] lengths : new int[][] {{32, 24}, {128, 120}}) {
        LmConfig config = LmConfig.of(32, 0, 1, 2).withMaxLength(lengths[0]);
        CausalLm lm = CausalLm.create(config, manager, 1);
        SplittableRandom rng = new SplittableRandom(3);
        int[][] prompts = new int[64][];
        for (int i = 0; i < prompts.length; i++) {
          prompts[i] = new int[4 + rng.nextInt(5)];
          prompts[i][0] = 1;
          for (int j = 1; j < prompts[i].length; j++) {
            prompts[i][j] = 3 + rng.nextInt(29);
          }
        }
        Sampling sampling = Sampling.of(lengths[1]);
        System.out.printf("model: vocab %d, dModel %d, layers %d, heads %d, maxLength %d; 64 prompts of 4-8 tokens,"
            + " <= %d new tokens (a row stops at EOS)%n", config.vocabSize(), config.dModel(), config.layers(),
            config.heads(), config.maxLength(), sampling.maxNewTokens());
        for (int batch : new int[] {1, 64}) {
          double[] cached = tokensPerSecond(lm, prompts, batch, sampling, true, reps);
          double[] uncached = tokensPerSecond(lm, prompts, batch, sampling, false, reps);
          System.out.printf("  batch %2d: KV cache %,9.0f tokens/s | no cache %,9.0f tokens/s | cache speed-up %.2fx"
              + " (%.0f tokens generated per pass)%n", batch, cached[0], uncached[0], cached[0] / uncached[0], cached[1]);
        }
      }
    }
  }

  /** The median over {@code reps} (after one warm-up) of generated tokens / wall time for all 64 prompts, and the tokens. */
  static double[] tokensPerSecond(CausalLm lm, int[][] prompts, int batch, Sampling sampling, boolean kvCache, int reps) {
    double[] rates = new double[reps];
    long lastTokens = 0;
    for (int r = -1; r < reps; r++) {
      SplittableRandom rng = new SplittableRandom(7);
      long tokens = 0;
      long start = System.nanoTime();
      for (int from = 0; from < prompts.length; from += batch) {
        tokens += lm.generate(Arrays.copyOfRange(prompts, from, from + batch), sampling, rng, kvCache).tokenCount();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      lastTokens = tokens;
      if (r >= 0) {
        rates[r] = tokens / seconds;
      }
    }
    Arrays.sort(rates);
    return new double[] {rates[reps / 2], lastTokens};
  }
}
