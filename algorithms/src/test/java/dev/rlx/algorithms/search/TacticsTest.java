package dev.rlx.algorithms.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rlx.api.Game;
import dev.rlx.api.GamePlayer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Both searches (PUCT with either prior, valuing leaves by rollouts or by the game's evaluation) take a win in one and block a loss in one at 2,000 simulations, over five seeds. */
class TacticsTest {

  private static final int SIMULATIONS = 2000;

  static Stream<Arguments> positions() {
    return Stream.of(
        // X to move: X 0 1, O 3 4; X wins at 2 (O threatens 5)
        Arguments.of("tic-tac-toe: X wins in one", Matches.ticTacToe(0, 3, 1, 4), 2),
        // O to move: X 0 1 8, O 3 4; O wins at 5 (X threatens 2)
        Arguments.of("tic-tac-toe: O wins in one", Matches.ticTacToe(0, 3, 1, 4, 8), 5),
        // X to move: X 0 8, O 1 4; O threatens 7 down the middle column
        Arguments.of("tic-tac-toe: X blocks", Matches.ticTacToe(0, 4, 8, 1), 7),
        // O to move: X 0 1 5, O 3 4; X threatens 2 (top row), O has no win (3 4 5 is blocked)
        Arguments.of("tic-tac-toe: O blocks", Matches.ticTacToe(0, 4, 1, 3, 5), 2),
        // X has three in column 0, O three in column 1: X wins at 0
        Arguments.of("connect four: X wins in one (vertical)", Matches.connectFour(0, 1, 0, 1, 0, 1), 0),
        // X has the bottom of columns 0 1 2, O the row above: X wins at 3
        Arguments.of("connect four: X wins in one (horizontal)", Matches.connectFour(0, 0, 1, 1, 2, 2), 3),
        // O has the bottom of columns 0 1 2: X must block at 3
        Arguments.of("connect four: X blocks", Matches.connectFour(6, 0, 6, 1, 5, 2), 3),
        // X has three in column 3: O must block at 3
        Arguments.of("connect four: O blocks", Matches.connectFour(3, 4, 3, 4, 3), 3));
  }

  @ParameterizedTest(name = "uct, {0}")
  @MethodSource("positions")
  void uctFindsTheMove(String name, Game position, int expected) {
    for (long seed = 0; seed < 5; seed++) {
      GamePlayer uct = Matches.uct(SIMULATIONS, false).make(Matches.seat(position.toMove(), seed), position.copy());
      assertThat(uct.chooseMove(position)).as("seed %d in%n%s", seed, position.render()).isEqualTo(expected);
    }
  }

  @ParameterizedTest(name = "puct, {0}")
  @MethodSource("positions")
  void puctFindsTheMove(String name, Game position, int expected) {
    for (long seed = 0; seed < 5; seed++) {
      GamePlayer puct = Matches.puct(SIMULATIONS, false).make(Matches.seat(position.toMove(), seed), position.copy());
      assertThat(puct.chooseMove(position)).as("seed %d in%n%s", seed, position.render()).isEqualTo(expected);
    }
  }

  @ParameterizedTest(name = "puct with the uniform prior, {0}")
  @MethodSource("positions")
  void puctWithTheUniformPriorFindsTheMove(String name, Game position, int expected) {
    for (long seed = 0; seed < 5; seed++) {
      GamePlayer puct = new Puct(new PuctParams(SIMULATIONS, 3.0, PuctParams.Prior.UNIFORM, 1.0, PuctParams.Value.ROLLOUT,
          false), Matches.seat(position.toMove(), seed), position.copy());
      assertThat(puct.chooseMove(position)).as("seed %d in%n%s", seed, position.render()).isEqualTo(expected);
    }
  }

  @ParameterizedTest(name = "puct valuing leaves by the game's evaluation, {0}")
  @MethodSource("positions")
  void puctWithTheHeuristicValueFindsTheMove(String name, Game position, int expected) {
    for (long seed = 0; seed < 5; seed++) {
      GamePlayer puct = new Puct(new PuctParams(SIMULATIONS, 3.0, PuctParams.Prior.CENTRE, 1.0, PuctParams.Value.HEURISTIC,
          false), Matches.seat(position.toMove(), seed), position.copy());
      assertThat(puct.chooseMove(position)).as("seed %d in%n%s", seed, position.render()).isEqualTo(expected);
    }
  }
}
