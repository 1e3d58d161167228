package dev.rlx.environments.games;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.rlx.environments.tabular.NoParams;
import org.junit.jupiter.api.Test;

/**
 * The games' hand-written evaluation: tanh of the open-line score for the player to move
 * (4^(k−1) for each line with k of one side's pieces and none of the other's), the result
 * itself once the game is over.
 */
class EvaluationTest {

  @Test
  void ticTacToeScoresOpenLinesForThePlayerToMove() {
    TicTacToe game = new TicTacToe(new NoParams());
    assertThat(game.evaluate()).isZero();
    game.play(4); // X in the centre: 4 open lines through it, O to move
    assertThat(game.evaluate()).isCloseTo(Math.tanh(-4 / 8.0), within(1e-12));
    game.play(0); // O in a corner, X to move
    // X: lines through 4 not through 0: row 3-4-5, column 1-4-7, anti-diagonal 2-4-6 → 3; O: row 0-1-2, column 0-3-6 → 2.
    assertThat(game.evaluate()).isCloseTo(Math.tanh((3 - 2) / 8.0), within(1e-12));
  }

  @Test
  void aFinishedGameIsWorthItsResult() {
    TicTacToe won = new TicTacToe(new NoParams());
    for (int move : new int[] {0, 3, 1, 4, 2}) {
      won.play(move);
    }
    assertThat(won.evaluate()).as("O to move has lost").isEqualTo(-1);
    TicTacToe drawn = new TicTacToe(new NoParams());
    for (int move : new int[] {0, 1, 2, 4, 3, 5, 7, 6, 8}) {
      drawn.play(move);
    }
    assertThat(drawn.evaluate()).isZero();
  }

  @Test
  void connectFourCountsItsSixtyNineLines() {
    ConnectFour game = new ConnectFour(new NoParams());
    assertThat(game.evaluate()).isZero();
    game.play(3); // the bottom of the centre column lies on 7 lines: 4 horizontal, 1 vertical, 1 + 1 diagonal
    assertThat(game.evaluate()).isCloseTo(Math.tanh(-7 / 32.0), within(1e-12));
    game.play(0); // O's bottom corner: 3 lines (1 horizontal, 1 vertical, 1 diagonal), one of them shared with X's
    // X to move: X keeps the 3 horizontals not through column 0, its vertical and both diagonals = 6; O keeps 2.
    assertThat(game.evaluate()).isCloseTo(Math.tanh((6 - 2) / 32.0), within(1e-12));
  }
}
