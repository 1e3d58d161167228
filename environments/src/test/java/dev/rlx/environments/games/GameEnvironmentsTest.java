package dev.rlx.environments.games;

import dev.rlx.environments.Environments;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import com.google.inject.name.Names;
import dev.rlx.api.Game;
import dev.rlx.api.PluginBindings;
import dev.rlx.api.PluginDescriptor;
import dev.rlx.environments.tabular.NoParams;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The module registers both games, and Guice builds each from its (empty) parameter record. */
class GameEnvironmentsTest {

  /** The registry's games. */
  private final Map<String, PluginDescriptor> environments = Guice.createInjector(new Environments())
      .getInstance(Key.get(new TypeLiteral<Map<String, PluginDescriptor>>() {}, Names.named(PluginBindings.ENVIRONMENTS)))
      .entrySet().stream().filter(e -> e.getValue().implementation().filter(dev.rlx.api.Game.class::isAssignableFrom).isPresent())
      .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));

  @Test
  void registersBothGamesWithoutParameters() {
    assertThat(environments).containsOnlyKeys("tic-tac-toe", "connect-four");
    assertThat(environments.get("tic-tac-toe").implementation()).contains(TicTacToe.class);
    assertThat(environments.get("connect-four").implementation()).contains(ConnectFour.class);
    environments.values().forEach(game -> {
      assertThat(game.parameters().defaults()).isEmpty();
      assertThat(game.reference()).isEqualTo("references.md §5.2");
    });
  }

  @Test
  void guiceBuildsEachGameOnTheEmptyBoard() {
    var injector = Guice.createInjector(binder -> binder.bind(NoParams.class).toInstance(new NoParams()));
    for (Class<? extends Game> type : new Class[] {TicTacToe.class, ConnectFour.class}) {
      Game game = injector.getInstance(type);
      assertThat(game.plies()).isZero();
      assertThat(game.toMove()).isZero();
      assertThat(game.isOver()).isFalse();
    }
  }
}
