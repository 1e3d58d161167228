package dev.rlx.algorithms.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * references.md §5.2 exercise 1: UCT with 10,000 simulations per move never loses to random
 * play at tic-tac-toe, from either side.
 */
class UctVersusRandomTest {

  @Test
  void uctAtTenThousandSimulationsNeverLosesToRandomPlay() {
    int wins = 0;
    for (long seed = 0; seed < 20; seed++) {
      Matches.Result first = Matches.play(Matches.ticTacToe(), Matches.uct(10_000, false), Matches.random(), seed);
      assertThat(first.winner()).as("uct as X, seed %d: %s", seed, first.moves()).isNotEqualTo(1);
      Matches.Result second = Matches.play(Matches.ticTacToe(), Matches.random(), Matches.uct(10_000, false), seed);
      assertThat(second.winner()).as("uct as O, seed %d: %s", seed, second.moves()).isNotEqualTo(0);
      wins += (first.winner() == 0 ? 1 : 0) + (second.winner() == 1 ? 1 : 0);
    }
    assertThat(wins).as("uct wins most games against random play").isGreaterThan(25);
  }

  @Test
  void puctNeverLosesToRandomPlayAtConnectFour() {
    for (long seed = 0; seed < 4; seed++) {
      Matches.Result first = Matches.play(Matches.connectFour(), Matches.puct(2000, true), Matches.random(), seed);
      assertThat(first.winner()).as("puct as X, seed %d", seed).isEqualTo(0);
      Matches.Result second = Matches.play(Matches.connectFour(), Matches.random(), Matches.puct(2000, true), seed);
      assertThat(second.winner()).as("puct as O, seed %d", seed).isEqualTo(1);
    }
  }
}
