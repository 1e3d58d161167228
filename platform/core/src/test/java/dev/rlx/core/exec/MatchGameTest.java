package dev.rlx.core.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Module;
import dev.rlx.api.Device;
import dev.rlx.api.Game;
import dev.rlx.api.GamePlayer;
import dev.rlx.api.GameSeat;
import dev.rlx.api.PluginDescriptor;
import dev.rlx.api.PluginModule;
import dev.rlx.api.RlxPlugin;
import dev.rlx.api.TrialContext;
import dev.rlx.core.plugins.PluginCatalog;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The referee of one game of a match: the agent takes the side the config says, every move is
 * checked, the result is logged from the agent's side, and a player that cheats fails its game
 * with the board in the message.
 */
class MatchGameTest {

  record NoParams() {}

  /** Plays the lowest legal move: on tic-tac-toe, X then wins on the 2-4-6 diagonal at ply 7. */
  public static final class FirstLegal implements GamePlayer {
    private final GameSeat seat;

    @Inject
    public FirstLegal(GameSeat seat) {
      this.seat = seat;
    }

    @Override
    public int chooseMove(Game position) {
      assertThat(position.toMove()).isEqualTo(seat.player());
      return Long.numberOfTrailingZeros(position.legalMask());
    }

    @Override
    public Map<String, Double> statistics() {
      return Map.of("search/seat", (double) seat.player());
    }
  }

  /** Chooses an occupied cell once the centre is taken. */
  public static final class Cheater implements GamePlayer {
    @Inject
    public Cheater() {}

    @Override
    public int chooseMove(Game position) {
      return 4; // legal once, then taken
    }
  }

  /** Leaves a move of its search on the board. */
  public static final class Fiddler implements GamePlayer {
    @Inject
    public Fiddler() {}

    @Override
    public int chooseMove(Game position) {
      int move = Long.numberOfTrailingZeros(position.legalMask());
      position.play(move);
      return Long.numberOfTrailingZeros(position.legalMask());
    }
  }

  static final class Players extends PluginModule {
    @Override
    protected List<PluginDescriptor> plugins() {
      return List.of(PluginDescriptor.player("first-legal", "s", "r", NoParams.class, FirstLegal.class),
          PluginDescriptor.player("cheater", "s", "r", NoParams.class, Cheater.class),
          PluginDescriptor.player("fiddler", "s", "r", NoParams.class, Fiddler.class));
    }
  }

  private final TrialRunner runner = new TrialRunner(catalog());

  @TempDir Path runDirectory;

  private static PluginCatalog catalog() {
    List<Module> modules = new ArrayList<>();
    ServiceLoader.load(RlxPlugin.class).forEach(modules::add); // tic-tac-toe
    modules.add(new Players());
    return PluginCatalog.fromModules(modules);
  }

  @Test
  void theAgentPlaysTheSideItIsGivenAndTheResultIsLoggedFromItsSide() throws Exception {
    Recording first = new Recording(runDirectory);
    runner.run(game("first-legal", "first-legal", true), first);
    assertThat(first.values).containsEntry("match/score", 1.0).containsEntry("match/win", 1.0).containsEntry("match/loss", 0.0)
        .containsEntry("match/plies", 7.0).containsEntry("match/agent_moves_first", 1.0)
        .containsEntry("search/seat", 0.0).containsEntry("opponent/search/seat", 1.0);
    assertThat(Files.readString(runDirectory.resolve("game.txt")))
        .contains("moves: 0 1 2 3 4 5 6", "result: the agent ('first-legal') (player 0) won after 7 plies");

    Recording second = new Recording(runDirectory);
    runner.run(game("first-legal", "first-legal", false), second);
    assertThat(second.values).containsEntry("match/score", 0.0).containsEntry("match/loss", 1.0)
        .containsEntry("match/agent_moves_first", 0.0).containsEntry("search/seat", 1.0);
  }

  @Test
  void anIllegalMoveFailsTheGameWithTheBoard() {
    assertThatThrownBy(() -> runner.run(game("first-legal", "cheater", true), new Recording(runDirectory)))
        .hasMessageStartingWith("opponent 'cheater' (player 1) chose move 4, which is illegal here:\n");
  }

  @Test
  void aPlayerThatLeavesItsSearchOnTheBoardFailsTheGame() {
    assertThatThrownBy(() -> runner.run(game("fiddler", "first-legal", true), new Recording(runDirectory)))
        .hasMessageContaining("the agent ('fiddler') (player 0) changed the position it was asked to move in");
  }

  private static JsonNode game(String agent, String opponent, boolean agentFirst) throws Exception {
    return new ObjectMapper().readTree("""
        {"environment": {"id": "tic-tac-toe", "params": {}}, "algorithm": {"id": "%s", "params": {}},
         "match": {"agent": "%s", "opponent": "%s", "opponent_algorithm": {"id": "%s", "params": {}},
                   "agent_moves_first": %s, "game": 0},
         "budget": {"episodes": 1}, "seed": 0}""".formatted(agent, agent, opponent, opponent, agentFirst));
  }

  /** The last value of each key. */
  private static final class Recording implements TrialContext {
    final Map<String, Double> values = new LinkedHashMap<>();
    private final Path directory;

    Recording(Path directory) {
      this.directory = directory;
    }

    @Override public String trialId() { return "t"; }
    @Override public long seed() { return 0; }
    @Override public Budget budget() { return new Budget(0, 1); }
    @Override public Evaluation evaluation() { return Evaluation.NONE; }
    @Override public Device device() { return Device.CPU; }
    @Override public Path runDirectory() { return directory; }
    @Override public void log(String key, long step, double value) { values.put(key, value); }
    @Override public boolean isCancelled() { return false; }
  }
}
