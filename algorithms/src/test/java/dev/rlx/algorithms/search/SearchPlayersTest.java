package dev.rlx.algorithms.search;

import dev.rlx.algorithms.Algorithms;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import com.google.inject.name.Names;
import dev.rlx.api.Game;
import dev.rlx.api.GamePlayer;
import dev.rlx.api.GameSeat;
import dev.rlx.api.ParameterSpace;
import dev.rlx.api.PluginBindings;
import dev.rlx.api.PluginDescriptor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The registry registers the three players, and Guice builds each as a match does: params, seat, game. */
class SearchPlayersTest {

  /** The registry's players. */
  private final Map<String, PluginDescriptor> algorithms = Guice.createInjector(new Algorithms())
      .getInstance(Key.get(new TypeLiteral<Map<String, PluginDescriptor>>() {}, Names.named(PluginBindings.ALGORITHMS)))
      .entrySet().stream().filter(e -> e.getValue().plays())
      .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));

  @Test
  void registersUctPuctAndRandomAsPlayers() {
    assertThat(algorithms).containsOnlyKeys("uct", "puct", "random");
    assertThat(algorithms.get("uct").implementation()).contains(Uct.class);
    assertThat(algorithms.get("puct").implementation()).contains(Puct.class);
    assertThat(algorithms.get("random").implementation()).contains(RandomPlayer.class);
    algorithms.values().forEach(player -> {
      assertThat(player.plays()).isTrue();
      assertThat(player.requires()).isEqualTo(Game.class);
      assertThat(player.reference()).isEqualTo("references.md §5.2");
    });
    assertThat(algorithms.get("uct").parameters().defaults())
        .containsExactly(Map.entry("simulations", 1000L), Map.entry("c", 1.4), Map.entry("reuse_tree", false));
    assertThat(algorithms.get("puct").parameters().defaults()).containsEntry("simulations", 1000L)
        .containsEntry("prior", "centre").containsEntry("prior_temperature", 1.0).containsEntry("value", "rollout")
        .containsEntry("reuse_tree", false).containsEntry("c", 3.0);
    assertThat(algorithms.get("random").parameters().defaults()).isEmpty();
  }

  @Test
  void guiceBuildsEachPlayerFromParamsSeatAndGame() {
    Game board = Matches.ticTacToe();
    var injector = Guice.createInjector(binder -> {
      binder.bind(UctParams.class).toInstance(ParameterSpace.of(UctParams.class).bind(UctParams.class, Map.of()));
      binder.bind(PuctParams.class).toInstance(ParameterSpace.of(PuctParams.class).bind(PuctParams.class, Map.of()));
      binder.bind(NoParams.class).toInstance(new NoParams());
      binder.bind(GameSeat.class).toInstance(new GameSeat(0, 42));
      binder.bind(Game.class).toInstance(board.copy());
    });
    for (Class<? extends GamePlayer> type : List.of(Uct.class, Puct.class, RandomPlayer.class)) {
      GamePlayer player = injector.getInstance(type);
      assertThat(board.isLegal(player.chooseMove(board))).isTrue();
    }
    PuctParams defaults = injector.getInstance(PuctParams.class);
    assertThat(defaults.prior()).isEqualTo(PuctParams.Prior.CENTRE);
    assertThat(defaults.value()).isEqualTo(PuctParams.Value.ROLLOUT);
  }
}
