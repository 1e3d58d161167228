package dev.rlx.algorithms.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rlx.api.Game;
import dev.rlx.api.GamePlayer;
import dev.rlx.api.GameSeat;
import dev.rlx.environments.games.ConnectFour;
import dev.rlx.environments.games.TicTacToe;
import java.util.ArrayList;
import java.util.List;

/** Games and matches for the search tests: positions from move lists, and a match loop as the platform's plays it. */
final class Matches {

  private Matches() {}

  /** Builds a player for a seat, on its own copy of the starting position (as the match injects them). */
  interface Player {
    GamePlayer make(GameSeat seat, Game game);
  }

  /** How a game ended: the winner (or {@link Game#NO_WINNER}), the moves, and each player's statistics. */
  record Result(int winner, List<Integer> moves, List<GamePlayer> players) {}

  static Game ticTacToe(int... moves) {
    return played(new TicTacToe(new dev.rlx.environments.tabular.NoParams()), moves);
  }

  static Game connectFour(int... moves) {
    return played(new ConnectFour(new dev.rlx.environments.tabular.NoParams()), moves);
  }

  private static Game played(Game game, int... moves) {
    for (int move : moves) {
      game.play(move);
    }
    return game;
  }

  static Player uct(int simulations, boolean reuse) {
    return (seat, game) -> new Uct(new UctParams(simulations, 1.4, reuse), seat, game);
  }

  static Player puct(int simulations, boolean reuse) {
    return (seat, game) -> new Puct(
        new PuctParams(simulations, 3.0, PuctParams.Prior.CENTRE, 1.0, PuctParams.Value.ROLLOUT, reuse), seat, game);
  }

  static Player random() {
    return (seat, game) -> new RandomPlayer(new NoParams(), seat);
  }

  /** The seat of {@code player} in the game with {@code seed}: the seed mixed with the side. */
  static GameSeat seat(int player, long seed) {
    return new GameSeat(player, new SplitMix64(seed * 2 + player).nextLong());
  }

  /**
   * Plays a game from {@code start} (left as it is) between {@code first} (player 0) and
   * {@code second}, as a match does: each chooses on the live position, which it must leave
   * unchanged, and every player observes every move.
   */
  static Result play(Game start, Player first, Player second, long seed) {
    Game game = start.copy();
    List<GamePlayer> players = List.of(first.make(seat(0, seed), start.copy()), second.make(seat(1, seed), start.copy()));
    List<Integer> moves = new ArrayList<>();
    while (!game.isOver()) {
      long hash = game.hash();
      int plies = game.plies();
      int move = players.get(game.toMove()).chooseMove(game);
      assertThat(game.hash()).as("the player left the position as it was").isEqualTo(hash);
      assertThat(game.plies()).isEqualTo(plies);
      assertThat(game.isLegal(move)).as("move %d is legal in%n%s", move, game.render()).isTrue();
      game.play(move);
      moves.add(move);
      for (GamePlayer player : players) {
        player.observe(move);
      }
    }
    return new Result(game.winner(), moves, players);
  }
}
