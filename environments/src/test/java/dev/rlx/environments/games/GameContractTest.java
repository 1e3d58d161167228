package dev.rlx.environments.games;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rlx.api.Game;
import dev.rlx.environments.tabular.NoParams;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What search relies on in both games: undo restores exactly, copies are independent, the hot
 * path allocates nothing.
 */
class GameContractTest {

  static Stream<Arguments> games() {
    return Stream.of(
        Arguments.of("tic-tac-toe", (Supplier<Game>) () -> new TicTacToe(new NoParams())),
        Arguments.of("connect-four", (Supplier<Game>) () -> new ConnectFour(new NoParams())));
  }

  /** Everything a caller can observe of a position. */
  private record Snapshot(long hash, int toMove, long legalMask, int plies, boolean over, int winner, String board) {
    static Snapshot of(Game game) {
      return new Snapshot(game.hash(), game.toMove(), game.legalMask(), game.plies(), game.isOver(), game.winner(),
          game.render());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("games")
  void undoRestoresThePositionExactly(String id, Supplier<Game> newGame) {
    var random = new SplittableRandom(1);
    var game = newGame.get();
    var empty = Snapshot.of(game);
    for (int g = 0; g < 1000; g++) {
      var path = new ArrayList<Snapshot>();
      while (!game.isOver()) {
        var before = Snapshot.of(game);
        path.add(before);
        // A detour of one move and its undo leaves the position as it was.
        int detour = ConnectFourRulesTest.randomMove(game.legalMask(), random);
        game.play(detour);
        game.undo();
        assertThat(Snapshot.of(game)).isEqualTo(before);
        game.play(ConnectFourRulesTest.randomMove(game.legalMask(), random));
        assertThat(game.plies()).isEqualTo(before.plies() + 1);
        assertThat(game.toMove()).isEqualTo(1 - before.toMove());
      }
      // Taking every move back walks the same positions in reverse, to the empty board.
      while (game.plies() > 0) {
        game.undo();
        assertThat(Snapshot.of(game)).isEqualTo(path.remove(path.size() - 1));
      }
      assertThat(Snapshot.of(game)).isEqualTo(empty);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("games")
  void aCopyIsIndependentAndKeepsTheHistory(String id, Supplier<Game> newGame) {
    var game = newGame.get();
    game.play(0);
    game.play(1);
    var atTwo = Snapshot.of(game);
    var copy = game.copy();
    assertThat(Snapshot.of(copy)).isEqualTo(atTwo);
    copy.play(2);
    assertThat(Snapshot.of(game)).as("the original after a move on the copy").isEqualTo(atTwo);
    game.undo();
    assertThat(Snapshot.of(copy).plies()).as("the copy after an undo on the original").isEqualTo(3);
    copy.undo();
    assertThat(Snapshot.of(copy)).isEqualTo(atTwo);
    copy.undo();
    copy.undo();
    assertThat(Snapshot.of(copy)).isEqualTo(Snapshot.of(newGame.get()));
  }

  /** Search calls these millions of times: they must not allocate (measured, not timed). */
  @ParameterizedTest(name = "{0}")
  @MethodSource("games")
  void playUndoAndQueriesAllocateNothing(String id, Supplier<Game> newGame) {
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    var game = newGame.get();
    var random = new SplittableRandom(3);
    long checksum = playouts(game, random, 2_000); // warm up, so that class loading is not counted
    long before = threads.getCurrentThreadAllocatedBytes();
    checksum += playouts(game, random, 2_000);
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;
    assertThat(checksum).isNotZero();
    assertThat(allocated).as("bytes allocated by 2,000 playouts").isLessThan(1024);
  }

  /** Random games played out and taken back, summing what the queries return. */
  private static long playouts(Game game, SplittableRandom random, int games) {
    long checksum = 0;
    for (int g = 0; g < games; g++) {
      while (!game.isOver()) {
        long legal = game.legalMask();
        int pick = random.nextInt(Long.bitCount(legal));
        for (int k = 0; k < pick; k++) {
          legal &= legal - 1;
        }
        game.play(Long.numberOfTrailingZeros(legal));
        checksum += game.hash() + game.toMove() + game.winner() + (game.isLegal(0) ? 1 : 0);
      }
      while (game.plies() > 0) {
        game.undo();
      }
    }
    return checksum;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("games")
  void resetGoesBackToTheEmptyBoard(String id, Supplier<Game> newGame) {
    var game = newGame.get();
    var random = new SplittableRandom(2);
    while (!game.isOver()) {
      game.play(ConnectFourRulesTest.randomMove(game.legalMask(), random));
    }
    game.reset();
    assertThat(Snapshot.of(game)).isEqualTo(Snapshot.of(newGame.get()));
    assertThat(game.legalMask()).isEqualTo((1L << game.moveCount()) - 1);
  }
}
