package dev.rlx.environments.games;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rlx.api.Game;
import dev.rlx.environments.tabular.NoParams;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Connect Four's rules: four in any direction wins anywhere on the board, a full board without
 * four draws, pieces fall to the lowest empty cell, and the bitboard agrees with a plain grid.
 */
class ConnectFourRulesTest {

  /** Plays the columns written as digits, e.g. "0011223". */
  private static ConnectFour game(String columns) {
    var game = new ConnectFour(new NoParams());
    columns.chars().forEach(column -> game.play(column - '0'));
    return game;
  }

  /** A full board without four in a line (found by a random search that avoided wins). */
  private static final String DRAW = "131111135230432552606400042630542244655663";

  @ParameterizedTest(name = "{0}: {1} wins")
  @CsvSource({
      "horizontal on the bottom row at the left edge, 0011223, 0",
      "horizontal on the bottom row at the right edge, 3344556, 0",
      "horizontal on the top row at the left edge, 423036626020265635022415031155430165311, 0",
      "horizontal on the top row at the right edge, 426653614456064633013222252434005355, 1",
      "vertical at the bottom of the left column, 0101010, 0",
      "vertical at the top of the right column, 6066162606, 1",
      "vertical at the top of the middle column, 31060332305501303, 0",
      "rising diagonal from the bottom-left corner, 01123223633, 0",
      "rising diagonal to the top-right corner, 10526554226166200015252151044636044433, 1",
      "falling diagonal to the bottom-right corner, 65543443033, 0",
      "falling diagonal from the top-left corner, 1566202535032360540546160340624111, 1"})
  void fourInALineWins(String where, String columns, int player) {
    var beforeLast = game(columns.substring(0, columns.length() - 1));
    assertThat(beforeLast.isOver()).as("over before the last move").isFalse();
    var game = game(columns);
    assertThat(game.isOver()).isTrue();
    assertThat(game.winner()).isEqualTo(player);
    assertThat(game.legalMask()).isZero();
    assertThat(game.plies()).isEqualTo(columns.length());
  }

  @Test
  void aFullBoardWithoutFourIsADraw() {
    var game = game(DRAW);
    assertThat(game.isOver()).isTrue();
    assertThat(game.winner()).isEqualTo(Game.NO_WINNER);
    assertThat(game.legalMask()).isZero();
    assertThat(game.plies()).isEqualTo(42);
    assertThat(game.render()).isEqualTo("""
        O X O O O X X
        X O X X X O O
        O X X O O X X
        X O O X O X O
        O X X O O O X
        O X O O X X X
        """);
  }

  @Test
  void piecesFallToTheLowestEmptyCellAndPlayersAlternate() {
    var game = game("");
    assertThat(game.legalMask()).isEqualTo(0b111_1111);
    game.play(3);
    assertThat(game.toMove()).isOne();
    game.play(3);
    assertThat(game.toMove()).isZero();
    game.play(4);
    assertThat(game.render()).isEqualTo("""
        . . . . . . .
        . . . . . . .
        . . . . . . .
        . . . . . . .
        . . . O . . .
        . . . X X . .
        """);
  }

  @Test
  void aFullColumnLeavesTheLegalMoves() {
    var game = game("000000");
    assertThat(game.isOver()).isFalse();
    assertThat(game.legalMask()).isEqualTo(0b111_1110);
    assertThat(game.isLegal(0)).isFalse();
    assertThatThrownBy(() -> game.play(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("move 0 is illegal: column 0 is full; legal moves: 1, 2, 3, 4, 5, 6");
    assertThat(game.plies()).as("a refused move changes nothing").isEqualTo(6);
  }

  @Test
  void refusesMovesOutOfRange() {
    var game = game("3");
    assertThatThrownBy(() -> game.play(7)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("move 7 is illegal: columns are 0..6; legal moves: 0, 1, 2, 3, 4, 5, 6");
    assertThatThrownBy(() -> game.play(-1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("move -1 is illegal: columns are 0..6;");
    assertThat(game.isLegal(7)).isFalse();
    assertThat(game.isLegal(-1)).isFalse();
  }

  @Test
  void refusesMovesOnceTheGameIsOver() {
    var won = game("0011223");
    assertThatThrownBy(() -> won.play(4)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("move 4 is illegal: the game is over, X won; legal moves: none");
    var lost = game("6066162606");
    assertThatThrownBy(() -> lost.play(3)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("move 3 is illegal: the game is over, O won; legal moves: none");
    var drawn = game(DRAW);
    assertThatThrownBy(() -> drawn.play(3)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("move 3 is illegal: the game is over, drawn; legal moves: none");
  }

  @Test
  void undoAtTheStartIsRefused() {
    var game = game("");
    assertThatThrownBy(game::undo).isInstanceOf(IllegalStateException.class).hasMessageContaining("no move to undo");
  }

  @Test
  void transpositionsShareAHash() {
    assertThat(game("0123").hash()).isEqualTo(game("2103").hash());
    assertThat(game("01").hash()).isNotEqualTo(game("10").hash());
    assertThat(game("0").hash()).isNotEqualTo(game("").hash());
    assertThat(game("00").hash()).isNotEqualTo(game("01").hash());
  }

  /**
   * Random games checked at every ply against a plain 6×7 grid: the same winner (so no line
   * wraps between columns through the bitboard), the same legal columns, the same board.
   */
  @Test
  void agreesWithAPlainGridOverRandomGames() {
    var random = new SplittableRandom(18);
    var game = game("");
    for (int g = 0; g < 2000; g++) {
      game.reset();
      int[][] grid = new int[ConnectFour.ROWS][ConnectFour.COLUMNS];
      int[] heights = new int[ConnectFour.COLUMNS];
      int winner = Game.NO_WINNER;
      while (!game.isOver()) {
        long legal = 0;
        for (int column = 0; column < ConnectFour.COLUMNS; column++) {
          legal |= heights[column] < ConnectFour.ROWS ? 1L << column : 0;
        }
        assertThat(game.legalMask()).isEqualTo(legal);
        int column = randomMove(legal, random);
        int player = game.toMove();
        grid[heights[column]][column] = player + 1;
        if (fourThrough(grid, heights[column], column)) {
          winner = player;
        }
        heights[column]++;
        game.play(column);
        assertThat(game.winner()).isEqualTo(winner);
        assertThat(game.isOver()).isEqualTo(winner != Game.NO_WINNER || game.plies() == 42);
      }
      assertThat(game.render()).isEqualTo(render(grid));
    }
  }

  /**
   * Every position up to seven plies has its own hash, and equal boards reached by different
   * orders share theirs: 76,959 positions, the known counts 1 + 7 + 49 + 238 + 1,120 + 4,263 +
   * 16,422 + 54,859 (no game is won before ply 7, and a win on ply 7 is still a position).
   */
  @Test
  void distinctPositionsHaveDistinctHashes() {
    Map<Long, String> boardOfHash = new HashMap<>();
    Map<String, Long> hashOfBoard = new HashMap<>();
    explore(game(""), 7, boardOfHash, hashOfBoard);
    assertThat(hashOfBoard).hasSize(76_959);
    assertThat(boardOfHash).hasSize(76_959);
  }

  private static void explore(
      ConnectFour game, int depth, Map<Long, String> boardOfHash, Map<String, Long> hashOfBoard) {
    String board = game.render();
    long hash = game.hash();
    assertThat(boardOfHash.computeIfAbsent(hash, h -> board)).as("the board of hash %d", hash).isEqualTo(board);
    Long known = hashOfBoard.putIfAbsent(board, hash);
    if (known != null) {
      assertThat(known).as("the hash of a transposition").isEqualTo(hash);
      return;
    }
    if (depth == 0 || game.isOver()) {
      return;
    }
    for (long rest = game.legalMask(); rest != 0; rest &= rest - 1) {
      game.play(Long.numberOfTrailingZeros(rest));
      explore(game, depth - 1, boardOfHash, hashOfBoard);
      game.undo();
    }
  }

  static int randomMove(long legal, SplittableRandom random) {
    int pick = random.nextInt(Long.bitCount(legal));
    long rest = legal;
    for (int k = 0; k < pick; k++) {
      rest &= rest - 1;
    }
    return Long.numberOfTrailingZeros(rest);
  }

  private static boolean fourThrough(int[][] grid, int row, int column) {
    int piece = grid[row][column];
    int[][] directions = {{0, 1}, {1, 0}, {1, 1}, {1, -1}};
    for (int[] d : directions) {
      int run = 1;
      for (int sign = -1; sign <= 1; sign += 2) {
        int r = row + sign * d[0];
        int c = column + sign * d[1];
        while (r >= 0 && r < ConnectFour.ROWS && c >= 0 && c < ConnectFour.COLUMNS && grid[r][c] == piece) {
          run++;
          r += sign * d[0];
          c += sign * d[1];
        }
      }
      if (run >= 4) {
        return true;
      }
    }
    return false;
  }

  private static String render(int[][] grid) {
    var text = new StringBuilder();
    for (int row = ConnectFour.ROWS - 1; row >= 0; row--) {
      for (int column = 0; column < ConnectFour.COLUMNS; column++) {
        text.append(column == 0 ? "" : " ").append(".XO".charAt(grid[row][column]));
      }
      text.append('\n');
    }
    return text.toString();
  }
}
