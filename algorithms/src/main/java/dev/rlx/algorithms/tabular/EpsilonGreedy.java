package dev.rlx.algorithms.tabular;

import java.util.SplittableRandom;

/**
 * The ε-greedy policy over a Q table, with ties broken uniformly at random (argmax by index
 * would bias early behaviour towards action 0), and the ε schedules of
 * {@link TdControlParams.EpsilonSchedule}.
 */
final class EpsilonGreedy {

  private final SplittableRandom rng;
  private final int actions;

  EpsilonGreedy(SplittableRandom rng, int actions) {
    this.rng = rng;
    this.actions = actions;
  }

  /** With probability ε a uniform action, otherwise a greedy one. */
  int act(double[][] q, int s, double epsilon) {
    return rng.nextDouble() < epsilon ? rng.nextInt(actions) : greedy(q[s]);
  }

  /** An action of maximal value, ties broken uniformly. */
  int greedy(double[] values) {
    int best = 0;
    int ties = 1;
    for (int a = 1; a < values.length; a++) {
      if (values[a] > values[best]) {
        best = a;
        ties = 1;
      } else if (values[a] == values[best] && rng.nextInt(++ties) == 0) {
        best = a; // reservoir sampling over the tied actions
      }
    }
    return best;
  }

  /** E_{a∼π}[Q(s, a)] for the ε-greedy π: (1 − ε) max_a Q(s, a) + ε mean_a Q(s, a). */
  static double expectedValue(double[] values, double epsilon) {
    double max = Double.NEGATIVE_INFINITY;
    double sum = 0;
    for (double v : values) {
      max = Math.max(max, v);
      sum += v;
    }
    return (1 - epsilon) * max + epsilon * sum / values.length;
  }

  /** ε for episode k (1-based) under the schedule. */
  static double epsilon(TdControlParams p, long episode) {
    return switch (p.epsilonSchedule()) {
      case CONSTANT -> p.epsilon();
      case LINEAR -> {
        double progress = Math.min(1.0, (episode - 1) / (double) p.epsilonDecayEpisodes());
        yield p.epsilon() + progress * (p.epsilonEnd() - p.epsilon());
      }
      case GLIE -> p.epsilon() / episode; // ε_k = ε/k: GLIE (rl-reference §2.1, exercise 3)
    };
  }
}
