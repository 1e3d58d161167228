package dev.rlx.algorithms.deep;

import java.util.SplittableRandom;

/**
 * Proportional prioritised experience replay (Schaul, Quan, Antonoglou &amp; Silver 2016, §3.3–3.4;
 * references.md §2.3, exercise 2). Transitions live in a {@link ReplayBuffer} (same slots, same
 * layout); a {@link SumTree} over the slots holds the priorities
 *
 * <pre>  p_i = (|δ_i| + ε)^α,   P(i) = p_i / Σ_k p_k</pre>
 *
 * A new transition has no TD error yet and gets the largest priority given so far (1 at the
 * start), so it is replayed at least once soon (§3.3; like OpenAI Baselines, a running maximum).
 * A minibatch of B is drawn stratified: the total is cut into B equal segments and one prefix
 * sum drawn uniformly in each (Appendix B.2.1). Each draw carries the importance weight
 *
 * <pre>  w_i = (N · P(i))^(−β) / max_j w_j</pre>
 *
 * N the number of stored transitions, normalised by the largest weight of the minibatch (§3.4:
 * "normalize weights by 1/max_i w_i so that they only scale the update downwards"; the
 * minibatch maximum, as Dopamine and most Rainbow implementations use). β is annealed
 * linearly to 1 ({@link #beta}).
 */
public final class PrioritizedReplayBuffer {

  private final ReplayBuffer storage;
  private final SumTree tree;
  private final double alpha;
  private final double epsilon;
  private double maxPriority = 1.0;

  /** @param alpha the exponent α (0: uniform); @param epsilon ε &gt; 0 keeps zero-error transitions sampleable */
  public PrioritizedReplayBuffer(int capacity, int observationSize, double alpha, double epsilon) {
    if (!(alpha >= 0)) {
      throw new IllegalArgumentException("priority_alpha must be >= 0 (0 is uniform replay), got " + alpha);
    }
    if (!(epsilon > 0)) {
      throw new IllegalArgumentException("priority_epsilon must be > 0 so that every transition can be drawn, got "
          + epsilon);
    }
    this.storage = new ReplayBuffer(capacity, observationSize);
    this.tree = new SumTree(capacity);
    this.alpha = alpha;
    this.epsilon = epsilon;
  }

  public int size() {
    return storage.size();
  }

  /** p of the transition in {@code slot}. */
  public double priority(int slot) {
    return tree.get(slot);
  }

  /** As {@link ReplayBuffer#add}; the new transition gets the largest priority so far. */
  public int add(float[] observation, float[] nextObservation, int row, int action, float reward, boolean isTerminal,
      float discount) {
    int slot = storage.add(observation, nextObservation, row, action, reward, isTerminal, discount);
    tree.set(slot, maxPriority);
    return slot;
  }

  /**
   * A stratified minibatch: row j is drawn with prefix sum (j + U[0, 1)) · total / B, its slot
   * in {@code batch.indices()[j]}, its importance weight with exponent {@code beta} in
   * {@code batch.weights()[j]}.
   */
  public void sample(SplittableRandom rng, double beta, ReplayBuffer.Batch batch) {
    double total = tree.total();
    double segment = total / batch.size();
    double minPriority = Double.POSITIVE_INFINITY;
    for (int j = 0; j < batch.size(); j++) {
      int k = tree.find((j + rng.nextDouble()) * segment);
      storage.copy(k, batch, j);
      minPriority = Math.min(minPriority, tree.get(k));
    }
    // w_j / max w = (N P(j))^(−β) / (N P_min)^(−β) = (p_j / p_min)^(−β): the largest weight is the least likely draw's.
    for (int j = 0; j < batch.size(); j++) {
      batch.weights()[j] = (float) Math.pow(tree.get(batch.indices()[j]) / minPriority, -beta);
    }
  }

  /** The unnormalised w = (N · P(i))^(−β) of slot {@code slot} now (for tests and diagnostics). */
  public double rawWeight(int slot, double beta) {
    return Math.pow(size() * tree.get(slot) / tree.total(), -beta);
  }

  /** After a gradient step: p_i ← (|δ_i| + ε)^α for the slots of the minibatch, with their new TD errors. */
  public void updatePriorities(int[] slots, float[] tdErrors, int count) {
    for (int j = 0; j < count; j++) {
      double p = Math.pow(Math.abs(tdErrors[j]) + epsilon, alpha);
      tree.set(slots[j], p);
      maxPriority = Math.max(maxPriority, p);
    }
  }

  /** β at {@code step} of {@code totalSteps}: linear from β0 at step 0 to 1 at the end of training (§3.4). */
  public static double beta(double beta0, long step, long totalSteps) {
    return Schedule.linear(beta0, 1.0).at(step, totalSteps);
  }
}
