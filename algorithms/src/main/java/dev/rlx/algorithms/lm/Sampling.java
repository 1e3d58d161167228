package dev.rlx.algorithms.lm;

import java.util.Arrays;
import java.util.SplittableRandom;

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

  /**
   * Draws one token from logits[offset, offset + v) and writes log π(token) under the model
   * (temperature 1) to out[0] and under the sampling distribution to out[1]. On the host: DJL's
   * PyTorch engine has no multinomial (docs/djl.md).
   */
  int draw(float[] logits, int offset, int v, SplittableRandom rng, double[] scratch, boolean[] kept, float[] out) {
    double max = Double.NEGATIVE_INFINITY;
    int argmax = 0;
    for (int j = 0; j < v; j++) {
      if (logits[offset + j] > max) {
        max = logits[offset + j];
        argmax = j;
      }
    }
    double sum = 0;
    for (int j = 0; j < v; j++) {
      sum += Math.exp(logits[offset + j] - max);
    }
    double logZ = max + Math.log(sum);
    int chosen;
    if (temperature == 0) {
      chosen = argmax;
      out[1] = 0f;
    } else {
      // top-k: keep the k largest (ties to the lower id), then softmax(logits / T) over them
      int k = topK == 0 ? v : Math.min(topK, v);
      Arrays.fill(kept, 0, v, k == v);
      for (int r = 0; r < k && k < v; r++) {
        int best = -1;
        for (int j = 0; j < v; j++) {
          if (!kept[j] && (best < 0 || logits[offset + j] > logits[offset + best])) {
            best = j;
          }
        }
        kept[best] = true;
      }
      double scaledMax = max / temperature;
      double total = 0;
      for (int j = 0; j < v; j++) {
        scratch[j] = kept[j] ? Math.exp(logits[offset + j] / temperature - scaledMax) : 0;
        total += scratch[j];
      }
      double u = rng.nextDouble() * total;
      double cumulative = 0;
      chosen = -1;
      for (int j = 0; j < v; j++) {
        if (kept[j]) {
          chosen = j; // the last kept token absorbs rounding at the top end
          cumulative += scratch[j];
          if (u < cumulative) {
            break;
          }
        }
      }
      out[1] = (float) Math.log(scratch[chosen] / total);
    }
    out[0] = (float) (logits[offset + chosen] - logZ);
    return chosen;
  }
}
