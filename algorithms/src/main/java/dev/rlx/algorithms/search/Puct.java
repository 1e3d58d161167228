package dev.rlx.algorithms.search;

import dev.rlx.api.EvaluatedGame;
import dev.rlx.api.Game;
import dev.rlx.api.GameSeat;
import jakarta.inject.Inject;

/**
 * PUCT (AlphaZero's selection rule, Silver et al. 2017; references.md §5.2): Monte Carlo tree
 * search that selects
 *
 * <pre>  a*(s) = argmax_a [ Q(s,a) + c·P(a|s)·sqrt(N(s)) / (1 + N(s,a)) ],</pre>
 *
 * P(a|s) a {@link MovePrior} given to the children when their parent is expanded (uniform or
 * "prefer the centre", exercise 3), and Q(s,a) = W(s,a) / N(s,a) with Q = 0 for an unvisited
 * child: the value of a draw, the midpoint of the outcomes [−1, 1], neither optimistic nor
 * pessimistic, so that unvisited moves are ranked by their prior bonus alone. Leaves are valued
 * by a uniform random rollout, or by the game's evaluation ({@code value: heuristic}; the loop:
 * {@link MonteCarloTreeSearch}).
 */
public final class Puct extends MonteCarloTreeSearch {

  private final double c;
  private final boolean heuristic;
  private final MovePrior prior;
  private final double[] priors;

  @Inject
  public Puct(PuctParams params, GameSeat seat, Game game) {
    super(params.simulations(), params.reuseTree(), seat, game);
    if (params.value() == PuctParams.Value.HEURISTIC && !(game instanceof EvaluatedGame)) {
      throw new IllegalArgumentException("puct: value: heuristic needs a game that evaluates its positions (an EvaluatedGame,"
          + " as tic-tac-toe and connect-four are); this game has no evaluation: use value: rollout");
    }
    this.heuristic = params.value() == PuctParams.Value.HEURISTIC;
    this.c = params.c();
    this.prior = switch (params.prior()) {
      case UNIFORM -> MovePrior.uniform();
      case CENTRE -> MovePrior.centre(game.moveCount(), params.priorTemperature());
    };
    this.priors = new double[game.moveCount()];
  }

  @Override
  protected void expanded(int node, int first, int count, Game position) {
    long legal = 0;
    for (int child = first; child < first + count; child++) {
      legal |= 1L << tree.move(child);
    }
    prior.priors(position, legal, priors);
    for (int child = first; child < first + count; child++) {
      tree.setPrior(child, priors[tree.move(child)]);
    }
  }

  /**
   * With {@code value: heuristic}, the game's evaluation (for the player to move at the leaf,
   * so negated for the player who moved into it) instead of a rollout: AlphaZero's value
   * network, written by hand.
   */
  @Override
  protected double leafValue(Game game) {
    return heuristic ? -((EvaluatedGame) game).evaluate() : super.leafValue(game);
  }

  @Override
  protected int select(int node) {
    return select(tree, node, c);
  }

  /**
   * The PUCT choice among the children of {@code node}: argmax Q(s,a) + c·P(a|s)·sqrt(N(s)) /
   * (1 + N(s,a)), Q = 0 for an unvisited child, the first of equals.
   */
  static int select(SearchTree tree, int node, double c) {
    int first = tree.firstChild(node);
    int end = first + tree.childCount(node);
    int[] visits = tree.visitsArray();
    double[] value = tree.totalValueArray();
    float[] prior = tree.priorArray();
    double scale = c * Math.sqrt(visits[node]); // c·sqrt(N(s)), once per node
    int best = first;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (int child = first; child < end; child++) {
      int n = visits[child];
      double q = n == 0 ? 0 : value[child] / n;
      double score = q + scale * prior[child] / (1 + n);
      if (score > bestScore) {
        bestScore = score;
        best = child;
      }
    }
    return best;
  }
}
