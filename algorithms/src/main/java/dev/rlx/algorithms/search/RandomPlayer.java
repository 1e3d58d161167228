package dev.rlx.algorithms.search;

import dev.rlx.api.Game;
import dev.rlx.api.GamePlayer;
import dev.rlx.api.GameSeat;
import jakarta.inject.Inject;

/**
 * Uniformly random play (references.md §5.2 exercise 1's opponent): each legal move with
 * probability 1 / (number of legal moves), drawn from the seat's stream, so a seed fixes the
 * game.
 */
public final class RandomPlayer implements GamePlayer {

  private final SplitMix64 random;

  @Inject
  public RandomPlayer(NoParams params, GameSeat seat) {
    this.random = new SplitMix64(seat.seed());
  }

  @Override
  public int chooseMove(Game position) {
    long legal = position.legalMask();
    if (legal == 0) {
      throw new IllegalStateException("no move to choose: the game is over\n" + position.render());
    }
    return random.nextSetBit(legal);
  }
}
