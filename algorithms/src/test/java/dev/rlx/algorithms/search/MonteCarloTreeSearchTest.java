package dev.rlx.algorithms.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rlx.api.Game;
import dev.rlx.api.GamePlayer;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MonteCarloTreeSearchTest {

  /** Every winner the game can end with from {@code game} (NO_WINNER for a draw), whatever is played. */
  private static Set<Integer> outcomes(Game game) {
    Set<Integer> outcomes = new HashSet<>();
    if (game.isOver()) {
      outcomes.add(game.winner());
      return outcomes;
    }
    for (long legal = game.legalMask(); legal != 0; legal &= legal - 1) {
      game.play(Long.numberOfTrailingZeros(legal));
      outcomes.addAll(outcomes(game));
      game.undo();
    }
    return outcomes;
  }

  /** The longest game that can still be played from {@code game}, in plies. */
  private static int longest(Game game) {
    int longest = 0;
    for (long legal = game.legalMask(); legal != 0; legal &= legal - 1) {
      game.play(Long.numberOfTrailingZeros(legal));
      longest = Math.max(longest, 1 + longest(game));
      game.undo();
    }
    return longest;
  }

  /**
   * A tic-tac-toe position with X to move where every way of playing on ends in a win for X,
   * with games of three plies left among them (so the tree has levels of both players' moves).
   */
  private static Game everyGameWonByX() {
    Game found = search(Matches.ticTacToe(), 0);
    assertThat(found).as("a tic-tac-toe position every continuation of which X wins").isNotNull();
    return found;
  }

  private static Game search(Game game, int depth) {
    if (game.isOver()) {
      return null;
    }
    if (game.toMove() == 0 && outcomes(game).equals(Set.of(0)) && longest(game) >= 3) {
      return game.copy();
    }
    for (long legal = game.legalMask(); legal != 0; legal &= legal - 1) {
      game.play(Long.numberOfTrailingZeros(legal));
      Game found = search(game, depth + 1);
      game.undo();
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  /** Checks W = +N at the nodes of X's moves and −N at O's, root included (its value is O's, who moved into it). */
  private static void assertSigns(SearchTree tree, int node, int mover) {
    int n = tree.visits(node);
    assertThat(tree.totalValue(node)).as("node %d (move %d by player %d, %d visits)", node, tree.move(node), mover, n)
        .isEqualTo(mover == 0 ? n : -n);
    for (int k = 0; k < tree.childCount(node); k++) {
      assertSigns(tree, tree.firstChild(node) + k, 1 - mover);
    }
  }

  @Test
  void aWinForPlayerZeroAddsOneToItsMovesAndTakesOneFromTheOpponents() {
    Game position = everyGameWonByX();
    for (Matches.Player player : List.of(Matches.uct(200, false), Matches.puct(200, false))) {
      MonteCarloTreeSearch search = (MonteCarloTreeSearch) player.make(Matches.seat(0, 1), position.copy());
      search.chooseMove(position);
      SearchTree tree = search.tree();
      assertThat(tree.visits(SearchTree.ROOT)).isEqualTo(200);
      int deepest = depth(tree, SearchTree.ROOT);
      assertThat(deepest).as("the tree holds moves of both players").isGreaterThanOrEqualTo(2);
      assertSigns(tree, SearchTree.ROOT, 1);
    }
  }

  private static int depth(SearchTree tree, int node) {
    int depth = 0;
    for (int k = 0; k < tree.childCount(node); k++) {
      depth = Math.max(depth, 1 + depth(tree, tree.firstChild(node) + k));
    }
    return depth;
  }

  @Test
  void theSameSeedReplaysTheSameGame() {
    Game ticTacToe = Matches.ticTacToe();
    Game connectFour = Matches.connectFour();
    Set<List<Integer>> uctRandom = new HashSet<>();
    Set<List<Integer>> puctUct = new HashSet<>();
    for (long seed = 0; seed < 4; seed++) {
      List<Integer> a = Matches.play(ticTacToe, Matches.uct(300, false), Matches.random(), seed).moves();
      List<Integer> b = Matches.play(ticTacToe, Matches.uct(300, false), Matches.random(), seed).moves();
      assertThat(b).isEqualTo(a);
      uctRandom.add(a);
      List<Integer> c = Matches.play(connectFour, Matches.puct(300, true), Matches.uct(300, false), seed).moves();
      List<Integer> d = Matches.play(connectFour, Matches.puct(300, true), Matches.uct(300, false), seed).moves();
      assertThat(d).isEqualTo(c);
      puctUct.add(c);
    }
    assertThat(uctRandom).as("different seeds, different games").hasSizeGreaterThan(1);
    assertThat(puctUct).as("different seeds, different games").hasSizeGreaterThan(1);
  }

  @Test
  void withAndWithoutTreeReuseBothPlayLegalGames() {
    for (boolean reuse : new boolean[] {false, true}) {
      for (long seed = 0; seed < 3; seed++) {
        Matches.play(Matches.ticTacToe(), Matches.uct(200, reuse), Matches.puct(200, reuse), seed);
        Matches.Result result = Matches.play(Matches.connectFour(), Matches.puct(200, reuse), Matches.uct(200, reuse), seed);
        assertThat(result.moves().size()).isBetween(7, 42);
      }
    }
  }

  @Test
  void withReuseTheRootAfterObserveHoldsTheSubtreesVisits() {
    for (Matches.Player player : List.of(Matches.uct(500, true), Matches.puct(500, true))) {
      Game game = Matches.connectFour();
      MonteCarloTreeSearch search = (MonteCarloTreeSearch) player.make(Matches.seat(0, 7), game.copy());
      int move = search.chooseMove(game);
      SearchTree tree = search.tree();
      int child = tree.childWithMove(SearchTree.ROOT, move);
      int visits = tree.visits(child);
      double value = tree.totalValue(child);
      int reply = tree.firstChild(child); // the most visited reply is anything; take the first stored
      int replyMove = tree.move(reply);
      int replyVisits = tree.visits(reply);
      assertThat(visits).isGreaterThan(500 / 7);

      game.play(move);
      search.observe(move);
      assertThat(tree.visits(SearchTree.ROOT)).isEqualTo(visits);
      assertThat(tree.totalValue(SearchTree.ROOT)).isEqualTo(value);
      game.play(replyMove);
      search.observe(replyMove);
      assertThat(tree.visits(SearchTree.ROOT)).isEqualTo(replyVisits);

      // the next search adds its simulations to the kept ones
      int kept = tree.visits(SearchTree.ROOT);
      search.chooseMove(game);
      assertThat(tree.visits(SearchTree.ROOT)).isEqualTo(kept + 500);
    }
  }

  @Test
  void withoutReuseEachMoveStartsAFreshTree() {
    Game game = Matches.ticTacToe();
    MonteCarloTreeSearch search = (MonteCarloTreeSearch) Matches.uct(300, false).make(Matches.seat(0, 3), game.copy());
    int move = search.chooseMove(game);
    game.play(move);
    search.observe(move);
    int reply = Long.numberOfTrailingZeros(game.legalMask());
    game.play(reply);
    search.observe(reply);
    search.chooseMove(game);
    assertThat(search.tree().visits(SearchTree.ROOT)).isEqualTo(300);
  }

  @Test
  void aPositionItWasNotToldOfIsTakenAsGiven() {
    // no observe at all: chooseMove on positions far from its copy of the empty board
    GamePlayer search = Matches.uct(500, true).make(Matches.seat(0, 1), Matches.connectFour());
    Game position = Matches.connectFour(0, 1, 0, 1, 0, 1);
    assertThat(search.chooseMove(position)).isEqualTo(0);
    Game other = Matches.connectFour(6, 0, 6, 1, 5, 2);
    assertThat(search.chooseMove(other)).isEqualTo(3);
    assertThatThrownBy(() -> search.chooseMove(Matches.ticTacToe(0, 3, 1, 4, 2))).hasMessageContaining("game is over");
  }

  @Test
  void statisticsCountTheSimulationsOfTheWholeGame() {
    Matches.Result result = Matches.play(Matches.ticTacToe(), Matches.uct(400, false), Matches.random(), 5);
    var statistics = result.players().get(0).statistics();
    int moves = (result.moves().size() + 1) / 2; // player 0 moved first
    assertThat(statistics.get("search/simulations")).isEqualTo(400.0 * moves);
    assertThat(statistics.get("search/simulations_per_second")).isPositive();
    assertThat(statistics.get("search/tree_nodes_max")).isGreaterThan(9).isLessThanOrEqualTo(1 + 9 * 400.0);
    assertThat(statistics.get("search/root_value")).isBetween(-1.0, 1.0);
    assertThat(result.players().get(1).statistics()).isEmpty();
    GamePlayer fresh = Matches.uct(10, false).make(Matches.seat(0, 0), Matches.ticTacToe());
    assertThat(fresh.statistics()).containsEntry("search/simulations", 0.0).doesNotContainKey("search/root_value");
  }

  @Test
  void aSimulationAllocatesNothing() {
    var threads = java.lang.management.ManagementFactory.getThreadMXBean();
    org.junit.jupiter.api.Assumptions.assumeTrue(threads instanceof com.sun.management.ThreadMXBean);
    var bean = (com.sun.management.ThreadMXBean) threads;
    for (Matches.Player player : List.of(Matches.uct(20_000, false), Matches.puct(20_000, false))) {
      Game board = Matches.connectFour();
      GamePlayer search = player.make(Matches.seat(0, 11), board.copy());
      search.chooseMove(board); // grows the pool to its size for this search
      long before = bean.getThreadAllocatedBytes(Thread.currentThread().getId());
      search.chooseMove(board);
      long allocated = bean.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
      assertThat(allocated).as("bytes allocated by 20,000 simulations").isLessThan(20_000);
    }
  }

  @Test
  void randomPlayIsUniformOverTheLegalMoves() {
    GamePlayer random = Matches.random().make(Matches.seat(1, 9), Matches.connectFour());
    Game position = Matches.connectFour(0, 0, 0, 0, 0, 0, 6); // column 0 full: 6 legal moves
    int[] counts = new int[7];
    for (int i = 0; i < 60_000; i++) {
      counts[random.chooseMove(position)]++;
    }
    assertThat(counts[0]).isZero();
    for (int column = 1; column < 7; column++) {
      assertThat(counts[column]).isBetween(9_500, 10_500);
    }
  }
}
