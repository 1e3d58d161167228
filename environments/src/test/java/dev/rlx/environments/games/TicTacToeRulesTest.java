package dev.rlx.environments.games;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rlx.api.Game;
import dev.rlx.environments.tabular.NoParams;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Tic-tac-toe's rules: every line wins for either player, a full board without one draws. */
class TicTacToeRulesTest {

  /** The eight lines, written out cell by cell rather than as the masks under test. */
  private static final int[][] LINES = {
      {0, 1, 2}, {3, 4, 5}, {6, 7, 8}, {0, 3, 6}, {1, 4, 7}, {2, 5, 8}, {0, 4, 8}, {2, 4, 6}};

  private static TicTacToe game(int... moves) {
    var game = new TicTacToe(new NoParams());
    for (int move : moves) {
      game.play(move);
    }
    return game;
  }

  static Stream<Arguments> linesAndPlayers() {
    return Stream.of(LINES).flatMap(line -> Stream.of(Arguments.of(line, 0), Arguments.of(line, 1)));
  }

  @ParameterizedTest(name = "line {0} wins for player {1}")
  @MethodSource("linesAndPlayers")
  void everyLineWinsForEitherPlayer(int[] line, int player) {
    Set<Integer> onLine = Set.of(line[0], line[1], line[2]);
    // The other player's marks: cells off the line that are no line themselves (three for X
    // when O wins, two otherwise), so the game lasts until the line's last mark.
    int[] others = IntStream.range(0, 9).filter(cell -> !onLine.contains(cell)).toArray();
    int[] filler = player == 0 ? new int[] {others[0], others[1]} : firstNonLine(others);
    var game = new TicTacToe(new NoParams());
    for (int k = 0; k < 3; k++) {
      if (player == 1) {
        game.play(filler[k]);
      }
      assertThat(game.isOver()).as("over before the line is complete").isFalse();
      game.play(line[k]);
      if (player == 0 && k < 2) {
        game.play(filler[k]);
      }
    }
    assertThat(game.isOver()).isTrue();
    assertThat(game.winner()).isEqualTo(player);
    assertThat(game.legalMask()).isZero();
    assertThat(game.plies()).isEqualTo(player == 0 ? 5 : 6);
  }

  private static int[] firstNonLine(int[] cells) {
    for (int a = 0; a < cells.length; a++) {
      for (int b = a + 1; b < cells.length; b++) {
        for (int c = b + 1; c < cells.length; c++) {
          int[] three = {cells[a], cells[b], cells[c]};
          if (!isLine(three)) {
            return three;
          }
        }
      }
    }
    throw new AssertionError("no three cells off the line");
  }

  private static boolean isLine(int[] three) {
    Set<Integer> cells = Set.of(three[0], three[1], three[2]);
    return Stream.of(LINES).anyMatch(line -> cells.equals(Set.of(line[0], line[1], line[2])));
  }

  @Test
  void aFullBoardWithoutALineIsADraw() {
    var game = game(0, 1, 2, 4, 3, 5, 7, 6, 8);
    assertThat(game.isOver()).isTrue();
    assertThat(game.winner()).isEqualTo(Game.NO_WINNER);
    assertThat(game.legalMask()).isZero();
    assertThat(game.plies()).isEqualTo(9);
    assertThat(game.render()).isEqualTo("""
        X O X
        X O O
        O X X
        """);
  }

  @Test
  void playersAlternateAndTakenCellsLeaveTheLegalMoves() {
    var game = game();
    assertThat(game.toMove()).isZero();
    assertThat(game.legalMask()).isEqualTo(0x1FF);
    game.play(4);
    assertThat(game.toMove()).isOne();
    assertThat(game.legalMask()).isEqualTo(0x1FF & ~(1 << 4));
    game.play(0);
    assertThat(game.toMove()).isZero();
    assertThat(game.legalMask()).isEqualTo(0x1FF & ~(1 << 4 | 1));
    assertThat(game.isLegal(4)).isFalse();
    assertThat(game.isLegal(8)).isTrue();
    assertThat(game.isLegal(9)).isFalse();
    assertThat(game.isLegal(-1)).isFalse();
    assertThat(game.render()).isEqualTo("""
        O . .
        . X .
        . . .
        """);
  }

  @Test
  void refusesATakenCellNamingItsOwnerAndTheLegalMoves() {
    var game = game(4, 0, 8, 2, 6, 5);
    assertThatThrownBy(() -> game.play(4)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("move 4 is illegal: cell 4 (row 2, column 2) is taken by X; legal moves: 1, 3, 7");
    assertThatThrownBy(() -> game.play(2)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("move 2 is illegal: cell 2 (row 1, column 3) is taken by O; legal moves: 1, 3, 7");
    assertThat(game.plies()).as("a refused move changes nothing").isEqualTo(6);
  }

  @Test
  void refusesMovesOutOfRange() {
    var game = game(4);
    assertThatThrownBy(() -> game.play(9)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("move 9 is illegal: cells are 0..8; legal moves: 0, 1, 2, 3, 5, 6, 7, 8");
    assertThatThrownBy(() -> game.play(-1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("move -1 is illegal: cells are 0..8;");
  }

  @Test
  void refusesMovesOnceTheGameIsOver() {
    var won = game(0, 3, 1, 4, 2);
    assertThatThrownBy(() -> won.play(8)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("move 8 is illegal: the game is over, X won; legal moves: none");
    var lost = game(0, 3, 1, 4, 8, 5);
    assertThatThrownBy(() -> lost.play(2)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("move 2 is illegal: the game is over, O won; legal moves: none");
    var drawn = game(0, 1, 2, 4, 3, 5, 7, 6, 8);
    assertThatThrownBy(() -> drawn.play(9)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("move 9 is illegal: cells are 0..8; legal moves: none");
    assertThatThrownBy(() -> drawn.play(4)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("move 4 is illegal: the game is over, drawn; legal moves: none");
  }

  @Test
  void undoAtTheStartIsRefused() {
    var game = game(4);
    game.undo();
    assertThatThrownBy(game::undo).isInstanceOf(IllegalStateException.class).hasMessageContaining("no move to undo");
  }

  @Test
  void undoTakesBackAWin() {
    var game = game(0, 3, 1, 4, 2);
    game.undo();
    assertThat(game.isOver()).isFalse();
    assertThat(game.winner()).isEqualTo(Game.NO_WINNER);
    assertThat(game.toMove()).isZero();
    game.play(5);
    assertThat(game.isOver()).isFalse();
  }

  /**
   * Every position reachable from the empty board (play stops at a win): 5,478, the known
   * count, each with its own hash; 958 of them are over (626 won by X, 316 by O, 16 drawn).
   * The winner is checked against the cell-by-cell lines at every one.
   */
  @Test
  void everyReachablePositionHasItsOwnHash() {
    Map<Long, String> boardOfHash = new HashMap<>();
    Set<String> boards = new HashSet<>();
    int[] terminal = new int[3]; // X won, O won, drawn
    explore(game(), boardOfHash, boards, terminal);
    assertThat(boards).hasSize(5478);
    assertThat(boardOfHash).hasSize(5478);
    assertThat(terminal).containsExactly(626, 316, 16);
  }

  private static void explore(TicTacToe game, Map<Long, String> boardOfHash, Set<String> boards, int[] terminal) {
    String board = game.render();
    assertThat(boardOfHash.computeIfAbsent(game.hash(), hash -> board)).as("the board of hash %d", game.hash())
        .isEqualTo(board);
    if (!boards.add(board)) {
      return; // a transposition: its subtree is explored already
    }
    assertThat(game.winner()).isEqualTo(referenceWinner(board));
    if (game.isOver()) {
      terminal[game.winner() == Game.NO_WINNER ? 2 : game.winner()]++;
      return;
    }
    for (long rest = game.legalMask(); rest != 0; rest &= rest - 1) {
      game.play(Long.numberOfTrailingZeros(rest));
      explore(game, boardOfHash, boards, terminal);
      game.undo();
    }
  }

  private static int referenceWinner(String board) {
    String cells = board.replace(" ", "").replace("\n", "");
    for (int[] line : LINES) {
      char first = cells.charAt(line[0]);
      if (first != '.' && first == cells.charAt(line[1]) && first == cells.charAt(line[2])) {
        return first == 'X' ? 0 : 1;
      }
    }
    return Game.NO_WINNER;
  }

  @Test
  void transpositionsShareAHash() {
    assertThat(game(0, 4, 8).hash()).isEqualTo(game(8, 4, 0).hash());
    assertThat(game(0, 4, 8).hash()).isNotEqualTo(game(0, 8, 4).hash());
    assertThat(game(4).hash()).isNotEqualTo(game().hash());
  }
}
