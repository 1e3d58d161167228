package dev.rlx.algorithms.lm;

/**
 * How {@link CausalLm#generate} picks tokens.
 *
 * @param maxNewTokens at most this many tokens per row (fewer where EOS comes first)
 * @param temperature logits are divided by it before sampling; 0 means greedy (argmax, ties to the lower id)
 * @param topK sample only among the k most probable tokens (ties to the lower id); 0 means all
 */
public record Sampling(int maxNewTokens, double temperature, int topK) {

  public Sampling {
    if (maxNewTokens < 1) {
      throw new IllegalArgumentException("maxNewTokens must be at least 1, got " + maxNewTokens);
    }
    if (!(temperature >= 0) || Double.isInfinite(temperature)) {
      throw new IllegalArgumentException("temperature must be finite and >= 0 (0 = greedy), got " + temperature);
    }
    if (topK < 0) {
      throw new IllegalArgumentException("topK must be >= 0 (0 = no limit), got " + topK);
    }
  }

  /** Argmax decoding. */
  public static Sampling greedy(int maxNewTokens) {
    return new Sampling(maxNewTokens, 0, 0);
  }

  /** Sampling from the model's own distribution (temperature 1, no top-k): what on-policy RLHF needs. */
  public static Sampling of(int maxNewTokens) {
    return new Sampling(maxNewTokens, 1, 0);
  }
}
