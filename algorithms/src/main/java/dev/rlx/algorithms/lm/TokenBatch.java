package dev.rlx.algorithms.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * A batch of prompt + response sequences, right-padded into a [rows, width] block of token ids.
 * Row i holds its prompt at positions [0, promptLengths[i]), its response at
 * [promptLengths[i], lengths[i]) and {@code padId} after that. With right padding every real
 * token sees only real tokens through the causal mask, so padding never changes a real token's
 * logits; the pad positions' own outputs are garbage and the masks below exclude them.
 *
 * @param ids row-major token ids, {@code rows · width}
 * @param width the longest row (at least 2, so that there is one next-token prediction)
 */
public record TokenBatch(int[] ids, int rows, int width, int[] promptLengths, int[] lengths) {

  public TokenBatch {
    if (ids.length != rows * width || promptLengths.length != rows || lengths.length != rows) {
      throw new IllegalArgumentException("a batch of " + rows + " rows of width " + width + " needs " + rows * width
          + " ids and " + rows + " prompt lengths and lengths, got " + ids.length + ", " + promptLengths.length
          + ", " + lengths.length);
    }
    for (int i = 0; i < rows; i++) {
      if (promptLengths[i] < 1 || promptLengths[i] > lengths[i] || lengths[i] > width) {
        throw new IllegalArgumentException("row " + i + ": need 1 <= promptLength <= length <= width, got "
            + promptLengths[i] + ", " + lengths[i] + ", " + width);
      }
    }
  }

  /** Each prompt (at least one token) followed by its response (possibly empty), right-padded with {@code padId}. */
  public static TokenBatch of(int[][] prompts, int[][] responses, int padId) {
    if (prompts.length != responses.length) {
      throw new IllegalArgumentException(prompts.length + " prompts but " + responses.length + " responses: need one response per prompt");
    }
    int rows = prompts.length;
    int[] promptLengths = new int[rows];
    int[] lengths = new int[rows];
    int width = 2;
    for (int i = 0; i < rows; i++) {
      if (prompts[i].length == 0) {
        throw new IllegalArgumentException("prompt " + i + " is empty: a prompt needs at least one token (e.g. BOS)");
      }
      promptLengths[i] = prompts[i].length;
      lengths[i] = prompts[i].length + responses[i].length;
      width = Math.max(width, lengths[i]);
    }
    int[] ids = new int[rows * width];
    java.util.Arrays.fill(ids, padId);
    for (int i = 0; i < rows; i++) {
      System.arraycopy(prompts[i], 0, ids, i * width, prompts[i].length);
      System.arraycopy(responses[i], 0, ids, i * width + prompts[i].length, responses[i].length);
    }
    return new TokenBatch(ids, rows, width, promptLengths, lengths);
  }

  /** The ids as an int32 [rows, width] array on {@code manager}. */
  public NDArray tokens(NDManager manager) {
    return manager.create(ids, new Shape(rows, width));
  }

  /**
   * [rows, width − 1] float: 1 at t where the token predicted there, t + 1, is a response token
   * (promptLength ≤ t + 1 &lt; length), else 0 — lines up with {@link LmOps#tokenLogProbs}.
   */
  public NDArray responseMask(NDManager manager) {
    float[] mask = new float[rows * (width - 1)];
    for (int i = 0; i < rows; i++) {
      for (int t = promptLengths[i] - 1; t < lengths[i] - 1; t++) {
        mask[i * (width - 1) + t] = 1;
      }
    }
    return manager.create(mask, new Shape(rows, width - 1));
  }

  /** lengths[i] − 1: where each row's last real token sits (the reward model's readout). */
  public int[] lastPositions() {
    int[] last = new int[rows];
    for (int i = 0; i < rows; i++) {
      last[i] = lengths[i] - 1;
    }
    return last;
  }

  /** Response tokens over all rows. */
  public int responseTokenCount() {
    int n = 0;
    for (int i = 0; i < rows; i++) {
      n += lengths[i] - promptLengths[i];
    }
    return n;
  }
}
