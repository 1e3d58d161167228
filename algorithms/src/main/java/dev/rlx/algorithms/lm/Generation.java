package dev.rlx.algorithms.lm;

/**
 * What {@link CausalLm#generate} produced, per row of the prompts.
 *
 * @param tokens the generated tokens (EOS included where it was emitted), without the prompt
 * @param lengths {@code tokens[i].length}
 * @param logProbs log π(token | prefix) under the model itself (temperature 1, no top-k) —
 *     the behaviour policy's log π_old that PPO/GRPO ratios divide by; equal to what a full
 *     forward of prompt + tokens gives ({@link LmOps#tokenLogProbs}) up to float rounding
 * @param samplingLogProbs log-probability of each token under the distribution it was actually
 *     drawn from (after temperature and top-k; 0 for greedy)
 * @param stoppedAtEos whether the row ended with EOS (else it ran to maxNewTokens)
 */
public record Generation(int[][] tokens, int[] lengths, float[][] logProbs, float[][] samplingLogProbs,
    boolean[] stoppedAtEos) {

  public int rows() {
    return tokens.length;
  }

  /** The prompts followed by the generated tokens, right-padded, with the response marked. */
  public TokenBatch batch(int[][] prompts, int padId) {
    return TokenBatch.of(prompts, tokens, padId);
  }

  /** Total generated tokens over all rows. */
  public long tokenCount() {
    long n = 0;
    for (int length : lengths) {
      n += length;
    }
    return n;
  }
}
