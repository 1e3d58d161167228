package dev.rlx.algorithms.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rlx.api.Game;
import org.junit.jupiter.api.Test;

/**
 * PUCT with {@code value: heuristic}: leaves valued by the game's own evaluation instead of a
 * rollout (a hand-written value function), strong enough to beat random play from both sides,
 * and refused, saying what to use, on a game that cannot evaluate its positions.
 */
class PuctHeuristicValueTest {

  private static Matches.Player heuristic(int simulations) {
    return (seat, game) -> new Puct(
        new PuctParams(simulations, 3.0, PuctParams.Prior.CENTRE, 1.0, PuctParams.Value.HEURISTIC, false), seat, game);
  }

  @Test
  void beatsRandomPlayAtConnectFourFromBothSides() {
    for (long seed = 0; seed < 4; seed++) {
      assertThat(Matches.play(Matches.connectFour(), heuristic(500), Matches.random(), seed).winner()).isEqualTo(0);
      assertThat(Matches.play(Matches.connectFour(), Matches.random(), heuristic(500), seed).winner()).isEqualTo(1);
    }
  }

  @Test
  void isRefusedOnAGameWithoutAnEvaluation() {
    Game plain = new WithoutEvaluation(Matches.ticTacToe());
    assertThatThrownBy(() -> heuristic(10).make(Matches.seat(0, 0), plain))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("value: heuristic needs a game that evaluates its positions")
        .hasMessageContaining("use value: rollout");
  }

  /** A game that hides its evaluation. */
  private record WithoutEvaluation(Game game) implements Game {
    @Override public int moveCount() { return game.moveCount(); }
    @Override public int toMove() { return game.toMove(); }
    @Override public boolean isLegal(int move) { return game.isLegal(move); }
    @Override public long legalMask() { return game.legalMask(); }
    @Override public void play(int move) { game.play(move); }
    @Override public void undo() { game.undo(); }
    @Override public boolean isOver() { return game.isOver(); }
    @Override public int winner() { return game.winner(); }
    @Override public int plies() { return game.plies(); }
    @Override public long hash() { return game.hash(); }
    @Override public Game copy() { return new WithoutEvaluation(game.copy()); }
    @Override public void reset() { game.reset(); }
    @Override public String render() { return game.render(); }
  }
}
