package dev.rlx.algorithms.tabular;

import dev.rlx.api.TabularEnvironment;
import java.util.SplittableRandom;

/**
 * The ε-greedy policy over a Q table, with ties broken uniformly at random (argmax by index
 * would bias early behaviour towards action 0), and the ε schedules of
 * {@link ExplorationParams.EpsilonSchedule}.
 */
public final class EpsilonGreedy {

  private final SplittableRandom rng;
  private final TabularEnvironment env;

  public EpsilonGreedy(SplittableRandom rng, TabularEnvironment env) {
    this.rng = rng;
    this.env = env;
  }

  /** A policy over action values computed by the caller (linear methods); {@link #act(double[][], int, double)} needs the other constructor. */
  public EpsilonGreedy(SplittableRandom rng) {
    this(rng, null);
  }

  /** With probability ε a uniform action of those available in s, otherwise a greedy one. */
  int act(double[][] q, int s, double epsilon) {
    return act(q[s], env.actionCount(s), epsilon);
  }

  /** With probability ε a uniform action of the first {@code available}, otherwise a greedy one. */
  public int act(double[] values, int available, double epsilon) {
    return rng.nextDouble() < epsilon ? rng.nextInt(available) : greedy(values, available);
  }

  /** An action of maximal value among the first {@code available}, ties broken uniformly. */
  public int greedy(double[] values, int available) {
    int best = 0;
    int ties = 1;
    for (int a = 1; a < available; a++) {
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
  static double expectedValue(double[] values, int available, double epsilon) {
    double sum = 0;
    for (int a = 0; a < available; a++) {
      sum += values[a];
    }
    return (1 - epsilon) * max(values, available) + epsilon * sum / available;
  }

  /** max_a Q(s, a) over the first {@code available} actions. */
  static double max(double[] values, int available) {
    double max = Double.NEGATIVE_INFINITY;
    for (int a = 0; a < available; a++) {
      max = Math.max(max, values[a]);
    }
    return max;
  }

  /** ε for episode k (1-based) under the schedule. */
  static double epsilon(ExplorationParams p, long episode) {
    return switch (p.epsilonSchedule()) {
      case CONSTANT -> p.epsilon();
      case LINEAR -> {
        double progress = Math.min(1.0, (episode - 1) / (double) p.epsilonDecayEpisodes());
        yield p.epsilon() + progress * (p.epsilonEnd() - p.epsilon());
      }
      case GLIE -> p.epsilon() / episode; // ε_k = ε/k: GLIE (references.md §2.1, exercise 3)
    };
  }
}
