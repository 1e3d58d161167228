package dev.rlx.algorithms.linear;

import dev.rlx.algorithms.tabular.EpsilonGreedy;
import java.util.SplittableRandom;

/**
 * The ε-greedy behaviour of the linear SARSA methods over q̂(s, a, w) = wᵀx(s, a): it codes the
 * current state S and the next state S' for every action, draws A and A' from those values, and
 * moves S' into S after each step without allocating.
 */
final class TileCodedPolicy {

  private final LinearActionValues q;
  private final EpsilonGreedy policy;
  private final double epsilon;
  private int[][] features;
  private int[][] nextFeatures;
  private final double[] values;

  TileCodedPolicy(LinearActionValues q, long seed, double epsilon) {
    this.q = q;
    this.policy = new EpsilonGreedy(new SplittableRandom(seed));
    this.epsilon = epsilon;
    this.features = q.newFeatures();
    this.nextFeatures = q.newFeatures();
    this.values = new double[q.actions()];
  }

  /** Codes an episode's first state S and draws A. */
  int first(double[] state) {
    q.evaluate(state, features, values);
    return policy.act(values, q.actions(), epsilon);
  }

  /** x(S, a): the active features of the current state with action a. */
  int[] active(int a) {
    return features[a];
  }

  /** Codes the next state S' and draws A'; then {@link #nextValue} gives q̂(S', A'). */
  int next(double[] state) {
    q.evaluate(state, nextFeatures, values);
    return policy.act(values, q.actions(), epsilon);
  }

  /** q̂(S', a) as coded by the last {@link #next}. */
  double nextValue(int a) {
    return values[a];
  }

  /** S ← S': the next state's features become the current ones. */
  void advance() {
    int[][] swap = features;
    features = nextFeatures;
    nextFeatures = swap;
  }
}
