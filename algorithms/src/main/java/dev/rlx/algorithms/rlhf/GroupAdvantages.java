package dev.rlx.algorithms.rlhf;

import ai.djl.ndarray.NDArray;

/**
 * GRPO's group-relative advantage (references.md §7.6): for the K completions y_1 … y_K of one
 * prompt with rewards r_1 … r_K,
 *
 * <pre>
 *   A_i = (r_i − mean(r_1, …, r_K)) / (std(r_1, …, r_K) + ε)
 * </pre>
 *
 * and every token of completion i inherits A_i. The std is the unbiased one (divisor K − 1), as
 * torch's {@code r.std()} in the reference's code; ε = 1e-8 there.
 *
 * <p>Layout: a batch of B = G·K rewards holds G groups of K consecutive completions (rows
 * g·K … g·K + K − 1 belong to prompt g), the order {@code generate_group} yields when flattened.
 *
 * <p>Edge cases: a group whose rewards are all equal gets zero advantages exactly (not NaN, and
 * not float round-off divided by ε): it carries no signal, which is why DAPO's dynamic sampling
 * drops it ({@link Dapo#informativeGroups}). K = 1 is rejected: a lone completion is its own
 * baseline, so its advantage is always 0 and its unbiased std undefined.
 *
 * <p>{@link Scale#NONE} leaves the std out (A_i = r_i − mean), the "Dr. GRPO" variant of Liu et
 * al. 2025 ("Understanding R1-Zero-like training"), which argues the division biases updates
 * toward prompts that are too easy or too hard. The reference does not mention it; it is offered
 * for comparison, and {@link Scale#STD} is the reference's formula.
 */
public final class GroupAdvantages {

  /** ε of the reference's code: (r − mean) / (std + 1e-8). */
  public static final double EPS = 1e-8;

  /** Whether to divide by the group's std. */
  public enum Scale {
    /** A_i = (r_i − mean) / (std + ε): references.md §7.6. */
    STD,
    /** A_i = r_i − mean: Dr. GRPO (not in the reference). */
    NONE
  }

  private GroupAdvantages() {}

  /** The reference's advantages of a [B] reward array, B = G·K, as a new [B] array on its manager. */
  public static NDArray compute(NDArray rewards, int groupSize) {
    return compute(rewards, groupSize, Scale.STD, EPS);
  }

  public static NDArray compute(NDArray rewards, int groupSize, Scale scale, double eps) {
    Tensors.requireSequences("rewards", rewards);
    float[] a = compute(rewards.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray(), groupSize, scale, eps);
    return rewards.getManager().create(a).toType(rewards.getDataType(), false);
  }

  /** Host-side version: rewards of G·K completions, groups consecutive. */
  public static float[] compute(float[] rewards, int groupSize, Scale scale, double eps) {
    requireGroups(rewards.length, groupSize);
    if (!(eps >= 0)) {
      throw new IllegalArgumentException("eps must be ≥ 0, found " + eps);
    }
    float[] advantages = new float[rewards.length];
    for (int start = 0; start < rewards.length; start += groupSize) {
      if (allEqual(rewards, start, groupSize)) {
        continue; // no signal: zeros, not (round-off)/ε
      }
      double mean = mean(rewards, start, groupSize);
      double denominator = scale == Scale.STD ? std(rewards, start, groupSize, mean) + eps : 1;
      for (int k = start; k < start + groupSize; k++) {
        advantages[k] = (float) ((rewards[k] - mean) / denominator);
      }
    }
    return advantages;
  }

  /** The unbiased std of each group: [G]. */
  public static double[] groupStd(float[] rewards, int groupSize) {
    requireGroups(rewards.length, groupSize);
    double[] std = new double[rewards.length / groupSize];
    for (int g = 0; g < std.length; g++) {
      int start = g * groupSize;
      std[g] = allEqual(rewards, start, groupSize) ? 0 : std(rewards, start, groupSize, mean(rewards, start, groupSize));
    }
    return std;
  }

  static void requireGroups(int batch, int groupSize) {
    if (groupSize < 2) {
      throw new IllegalArgumentException("groupSize must be ≥ 2, found " + groupSize + ": a group of one completion"
          + " is its own baseline, so its advantage is always 0 and its std undefined; sample K ≥ 2 completions per prompt");
    }
    if (batch == 0 || batch % groupSize != 0) {
      throw new IllegalArgumentException("rewards hold " + batch + " completions, which is not a positive multiple of"
          + " groupSize " + groupSize + ": expected G·K rewards, the K completions of each prompt consecutive");
    }
  }

  private static boolean allEqual(float[] r, int start, int k) {
    for (int j = start + 1; j < start + k; j++) {
      if (r[j] != r[start]) {
        return false;
      }
    }
    return true;
  }

  private static double mean(float[] r, int start, int k) {
    double sum = 0;
    for (int j = start; j < start + k; j++) {
      sum += r[j];
    }
    return sum / k;
  }

  private static double std(float[] r, int start, int k, double mean) {
    double ss = 0;
    for (int j = start; j < start + k; j++) {
      ss += (r[j] - mean) * (r[j] - mean);
    }
    return Math.sqrt(ss / (k - 1));
  }

  /** The std below which the reference's {@code filter_informative} calls a group degenerate. */
  public static final double DEGENERATE_STD = 1e-6;

  /**
   * Dynamic sampling's filter (§7.7 exercise 3, {@code filter_informative}): for each group of K
   * consecutive rewards, whether its std exceeds 1e-6, i.e. whether it carries any gradient.
   */
  public static boolean[] informativeGroups(float[] rewards, int groupSize) {
    double[] std = GroupAdvantages.groupStd(rewards, groupSize);
    boolean[] keep = new boolean[std.length];
    for (int g = 0; g < std.length; g++) {
      keep[g] = std[g] > DEGENERATE_STD;
    }
    return keep;
  }
}
