package dev.rlx.algorithms.search;

import dev.rlx.api.Game;
import dev.rlx.api.GamePlayer;
import dev.rlx.api.GameSeat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The four-phase loop of Monte Carlo tree search (references.md §5.2) that {@link Uct} and
 * {@link Puct} share; they differ in the selection rule ({@link #select}) and in what an
 * expansion records ({@link #expanded}, PUCT's priors). Each of {@code simulations} simulations
 * per move, on the player's own copy of the position:
 *
 * <ol>
 *   <li>Selection: from the root, descend through expanded nodes by the selection rule.
 *   <li>Expansion: a leaf that has been visited before (and is not terminal) gets all its
 *       children at once, and the descent steps into one of them by the same rule (for UCT, an
 *       unvisited child, in the random order the children were stored in). An unvisited leaf is
 *       evaluated as it is; the root is expanded before the first simulation.
 *   <li>Simulation: the leaf's value ({@link #leafValue}): by default a uniformly random
 *       rollout from the leaf to the end of the game; PUCT may use the game's evaluation instead.
 *   <li>Backup: N(s,a) += 1 and W(s,a) += G along the path, G = +1 / 0 / −1 for the player who
 *       made the move into the node, so its sign alternates level by level (zero-sum).
 * </ol>
 *
 * <p>The move played is the root's most visited child (ties broken by the seat's stream).
 * Children are stored in a random order drawn at expansion, so ties of the selection rule
 * (unvisited children first of all) fall randomly too. With {@code reuseTree}, {@link #observe}
 * keeps the played child's subtree as the next root ({@link SearchTree#promote}); otherwise the
 * tree is rebuilt every move. A simulation allocates nothing: the tree is a {@link SearchTree},
 * the path and move buffers are fixed arrays, and moves are drawn from
 * {@link Game#legalMask()} bits.
 *
 * <p>{@link #statistics()}: {@code search/simulations} (all moves of the game so far),
 * {@code search/simulations_per_second} (over the time spent in {@link #chooseMove}),
 * {@code search/tree_nodes_max} (the largest tree) and {@code search/root_value} (Q of the
 * move chosen last, for the player who chose it; absent before the first move).
 */
public abstract class MonteCarloTreeSearch implements GamePlayer {

  protected final SearchTree tree = new SearchTree(4096);
  protected final SplitMix64 random;
  private final int simulations;
  private final boolean reuseTree;

  /** The position at the root: the player's own copy, kept in step by {@link #observe}. */
  private Game scratch;
  private boolean rootKnown;
  private long rootHash;

  private int[] path = new int[64];
  private final int[] moves = new int[64];

  private long totalSimulations;
  private long searchNanos;
  private int maxNodes;
  private double rootValue = Double.NaN;

  protected MonteCarloTreeSearch(int simulations, boolean reuseTree, GameSeat seat, Game scratch) {
    if (simulations < 1) {
      throw new IllegalArgumentException("simulations must be at least 1, got " + simulations);
    }
    this.simulations = simulations;
    this.reuseTree = reuseTree;
    this.random = new SplitMix64(seat.seed());
    this.scratch = scratch;
  }

  /**
   * The child of {@code node} (an expanded node, whose children are all in the tree) that the
   * descent goes to next.
   */
  protected abstract int select(int node);

  /**
   * Called when {@code node} has just been given its children {@code first .. first + count − 1}
   * (moves set), with {@code position} at the node: PUCT sets their priors here.
   */
  protected void expanded(int node, int first, int count, Game position) {}

  @Override
  public final int chooseMove(Game position) {
    long start = System.nanoTime();
    if (scratch.hash() != position.hash()) {
      scratch = position.copy(); // out of step (no observe, or another game): take the given position
      rootKnown = false;
    }
    long legal = scratch.legalMask();
    if (legal == 0) {
      throw new IllegalStateException("no move to choose: the game is over\n" + scratch.render());
    }
    if (!reuseTree || !rootKnown || rootHash != scratch.hash()) {
      tree.reset();
      rootKnown = true;
      rootHash = scratch.hash();
    }
    if (tree.childCount(SearchTree.ROOT) == 0) {
      expand(SearchTree.ROOT, legal);
    }
    for (int i = 0; i < simulations; i++) {
      simulate();
    }
    int best = mostVisitedChild();
    rootValue = tree.meanValue(best);
    totalSimulations += simulations;
    maxNodes = Math.max(maxNodes, tree.size());
    searchNanos += System.nanoTime() - start;
    return tree.move(best);
  }

  /** One simulation from the root: select, expand, roll out, back up; the position is restored. */
  private void simulate() {
    Game game = scratch;
    int node = SearchTree.ROOT;
    int depth = 0;
    path[0] = node;
    while (tree.childCount(node) > 0) {
      node = select(node);
      game.play(tree.move(node));
      push(++depth, node);
    }
    long legal = game.legalMask();
    if (legal != 0 && tree.visits(node) > 0) {
      expand(node, legal);
      node = select(node);
      game.play(tree.move(node));
      push(++depth, node);
    }
    double leafValue = leafValue(game);
    for (int i = 0; i < depth; i++) {
      game.undo();
    }
    tree.backup(path, depth, leafValue);
  }

  /**
   * The value of the position the descent stopped at, for the player who moved into it, the
   * position left as it was given. By default a uniformly random rollout to the end of the
   * game: +1 if that player wins it, 0 for a draw, −1 for a loss.
   */
  protected double leafValue(Game game) {
    int mover = 1 - game.toMove();
    int plies = 0;
    for (long legal = game.legalMask(); legal != 0; legal = game.legalMask()) {
      game.play(random.nextSetBit(legal));
      plies++;
    }
    int winner = game.winner();
    for (int i = 0; i < plies; i++) {
      game.undo();
    }
    return winner == Game.NO_WINNER ? 0 : winner == mover ? 1 : -1;
  }

  private void push(int depth, int node) {
    if (depth == path.length) {
      path = java.util.Arrays.copyOf(path, path.length * 2);
    }
    path[depth] = node;
  }

  /** Gives {@code node} a child per legal move, in a random order (Fisher–Yates on the seat's stream). */
  private void expand(int node, long legal) {
    int count = 0;
    for (long m = legal; m != 0; m &= m - 1) {
      moves[count++] = Long.numberOfTrailingZeros(m);
    }
    for (int i = count - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = moves[i];
      moves[i] = moves[j];
      moves[j] = t;
    }
    int first = tree.addChildren(node, count);
    for (int k = 0; k < count; k++) {
      tree.setMove(first + k, moves[k]);
    }
    expanded(node, first, count, scratch);
  }

  /** The root's child with the most visits; among equals, one drawn from the seat's stream. */
  private int mostVisitedChild() {
    int first = tree.firstChild(SearchTree.ROOT);
    int end = first + tree.childCount(SearchTree.ROOT);
    int best = -1;
    int ties = 0;
    for (int child = first; child < end; child++) {
      int n = tree.visits(child);
      if (best < 0 || n > tree.visits(best)) {
        best = child;
        ties = 1;
      } else if (n == tree.visits(best) && random.nextInt(++ties) == 0) {
        best = child; // reservoir sampling: each of the tied children with probability 1 / ties
      }
    }
    return best;
  }

  @Override
  public final void observe(int move) {
    if (!scratch.isLegal(move)) {
      rootKnown = false; // out of step; chooseMove resynchronises from the position it is given
      return;
    }
    scratch.play(move);
    if (reuseTree && rootKnown) {
      int child = tree.childWithMove(SearchTree.ROOT, move);
      if (child >= 0) {
        tree.promote(child);
        rootHash = scratch.hash();
      } else {
        rootKnown = false;
      }
    } else {
      rootKnown = false;
    }
  }

  @Override
  public Map<String, Double> statistics() {
    Map<String, Double> statistics = new LinkedHashMap<>();
    statistics.put("search/simulations", (double) totalSimulations);
    statistics.put("search/simulations_per_second", searchNanos == 0 ? 0 : totalSimulations / (searchNanos / 1e9));
    statistics.put("search/tree_nodes_max", (double) maxNodes);
    if (!Double.isNaN(rootValue)) {
      statistics.put("search/root_value", rootValue);
    }
    return statistics;
  }

  /** The tree as it stands (after {@link #observe} with reuse: the kept subtree). For tests. */
  SearchTree tree() {
    return tree;
  }
}
