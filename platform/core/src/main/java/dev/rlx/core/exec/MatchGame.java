package dev.rlx.core.exec;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Stage;
import dev.rlx.api.Device;
import dev.rlx.api.EnvironmentName;
import dev.rlx.api.Game;
import dev.rlx.api.GamePlayer;
import dev.rlx.api.GameSeat;
import dev.rlx.api.PluginDescriptor;
import dev.rlx.api.TrialContext;
import dev.rlx.sweeps.SplitMix64;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * One game of a match: the trial's algorithm (the agent) against {@code match.opponent}, the
 * agent on the side {@code match.agent_moves_first} says. Each side is a fresh
 * {@link GamePlayer} with its own seeded stream and scratch board; the referee checks every
 * move, logs the result from the agent's side and writes the game record to the trial's
 * directory ({@code game.txt}).
 */
final class MatchGame {

  /** Mixed into the game's seed per side, so that the two players' streams differ. */
  private static final long SIDE_SALT = 0x9E3779B97F4A7C15L;

  private final PluginDescriptor agent;
  private final PluginDescriptor opponent;
  private final PluginDescriptor game;

  MatchGame(PluginDescriptor agent, PluginDescriptor opponent, PluginDescriptor game) {
    this.agent = agent;
    this.opponent = opponent;
    this.game = game;
  }

  void play(JsonNode config, TrialContext context) throws IOException {
    JsonNode match = config.path("match");
    Class<?> gameClass = game.implementation().orElseThrow();
    Record gameParams = TrialRunner.bind(game, config.path("environment").path("params"));
    Injector base = Guice.createInjector(Stage.DEVELOPMENT, binder -> {
      binder.requireExplicitBindings();
      binder.bind(TrialContext.class).toInstance(context);
      binder.bind(Device.class).toInstance(context.device());
      binder.bind(EnvironmentName.class).toInstance(new EnvironmentName(game.id()));
      TrialRunner.bindInstance(binder, gameParams.getClass(), gameParams);
      binder.bind(gameClass);
    });
    Game board = (Game) base.getInstance(gameClass);
    board.reset();
    int agentSide = match.path("agent_moves_first").asBoolean(true) ? 0 : 1;
    String opponentName = match.path("opponent").asText(opponent.id());
    GamePlayer[] players = new GamePlayer[2];
    String[] names = new String[2];
    players[agentSide] = player(base, agent, config.path("algorithm").path("params"), agentSide, context.seed(), board);
    players[1 - agentSide] = player(base, opponent, match.path("opponent_algorithm").path("params"), 1 - agentSide,
        context.seed(), board);
    names[agentSide] = "the agent ('" + agent.id() + "')";
    names[1 - agentSide] = "opponent '" + opponentName + "'";

    List<Integer> moves = new ArrayList<>();
    while (!board.isOver()) {
      if (context.isCancelled()) {
        return;
      }
      int side = board.toMove();
      long before = board.hash();
      int plies = board.plies();
      int move = players[side].chooseMove(board);
      if (board.hash() != before || board.plies() != plies) {
        throw new IllegalStateException(names[side] + " (player " + side + ") changed the position it was asked to move in;"
            + " a player must take back every move it tries");
      }
      if (!board.isLegal(move)) {
        throw new IllegalStateException(names[side] + " (player " + side + ") chose move " + move + ", which is illegal here:\n"
            + board.render());
      }
      board.play(move);
      moves.add(move);
      players[0].observe(move);
      players[1].observe(move);
    }
    int winner = board.winner();
    double score = winner == Game.NO_WINNER ? 0.5 : winner == agentSide ? 1 : 0;
    long step = board.plies();
    context.log("match/score", step, score);
    context.log("match/win", step, score == 1 ? 1 : 0);
    context.log("match/draw", step, score == 0.5 ? 1 : 0);
    context.log("match/loss", step, score == 0 ? 1 : 0);
    context.log("match/plies", step, board.plies());
    context.log("match/agent_moves_first", step, agentSide == 0 ? 1 : 0);
    players[agentSide].statistics().forEach((key, value) -> context.log(key, step, value));
    players[1 - agentSide].statistics().forEach((key, value) -> context.log("opponent/" + key, step, value));

    String result = winner == Game.NO_WINNER ? "draw" : names[winner] + " (player " + winner + ") won";
    Files.writeString(context.runDirectory().resolve("game.txt"),
        game.id() + ", game " + match.path("game").asInt() + " (seed " + context.seed() + ")\n"
            + "player 0 (moves first): " + names[0] + "\nplayer 1: " + names[1] + "\n"
            + "moves: " + String.join(" ", moves.stream().map(String::valueOf).toList()) + "\n"
            + "result: " + result + " after " + board.plies() + " plies\n\n" + board.render() + "\n",
        StandardCharsets.UTF_8);
  }

  /** A fresh player for {@code side}, with its parameters, its seat and a scratch board of its own. */
  private static GamePlayer player(Injector base, PluginDescriptor descriptor, JsonNode params, int side, long gameSeed,
      Game board) {
    Class<?> playerClass = descriptor.implementation().orElseThrow();
    Record bound = TrialRunner.bind(descriptor, params);
    GameSeat seat = new GameSeat(side, new SplitMix64(gameSeed ^ (SIDE_SALT * (side + 1))).nextLong());
    Game scratch = board.copy();
    return base.createChildInjector(binder -> {
      if (base.getExistingBinding(Key.get(bound.getClass())) == null) { // a game and a player may share a no-parameter record
        TrialRunner.bindInstance(binder, bound.getClass(), bound);
      }
      binder.bind(GameSeat.class).toInstance(seat);
      binder.bind(Game.class).toInstance(scratch);
      binder.bind(playerClass);
      TrialRunner.bindTo(binder, GamePlayer.class, playerClass);
    }).getInstance(GamePlayer.class);
  }
}
