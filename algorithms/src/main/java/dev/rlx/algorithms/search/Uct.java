package dev.rlx.algorithms.search;

import dev.rlx.api.Game;
import dev.rlx.api.GameSeat;
import jakarta.inject.Inject;

/**
 * UCT (Kocsis &amp; Szepesvári 2006): Monte Carlo tree search whose selection rule is UCB1 at
 * every node (references.md §5.2),
 *
 * <pre>  a*(s) = argmax_a [ Q(s,a) + c·sqrt( ln N(s) / N(s,a) ) ],   Q(s,a) = W(s,a) / N(s,a),</pre>
 *
 * with unvisited children (N(s,a) = 0, an infinite bonus) taken first, in the random order the
 * expansion stored them in; leaves are expanded all children at once and evaluated by a uniform
 * random rollout (the loop: {@link MonteCarloTreeSearch}).
 */
public final class Uct extends MonteCarloTreeSearch {

  private final double c;

  @Inject
  public Uct(UctParams params, GameSeat seat, Game game) {
    super(params.simulations(), params.reuseTree(), seat, game);
    this.c = params.c();
  }

  @Override
  protected int select(int node) {
    return select(tree, node, c);
  }

  /**
   * The UCB1 choice among the children of {@code node}: the first unvisited child if there is
   * one, else argmax Q(s,a) + c·sqrt(ln N(s) / N(s,a)) (the first of equals), N(s) the node's
   * visits. Children's Q are for the player to move at {@code node}.
   */
  static int select(SearchTree tree, int node, double c) {
    int first = tree.firstChild(node);
    int end = first + tree.childCount(node);
    int[] visits = tree.visitsArray();
    double[] value = tree.totalValueArray();
    // c·sqrt(ln N(s) / N(s,a)) = (c·sqrt(ln N(s))) / sqrt(N(s,a)): one logarithm per node
    double scale = c * Math.sqrt(Math.log(visits[node]));
    int best = first;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (int child = first; child < end; child++) {
      int n = visits[child];
      if (n == 0) {
        return child;
      }
      double score = value[child] / n + scale / Math.sqrt(n);
      if (score > bestScore) {
        bestScore = score;
        best = child;
      }
    }
    return best;
  }
}
